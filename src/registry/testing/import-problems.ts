/** Test helper for the registry's import checks (import-check.ts): the problems a refused file names. */
import { expect } from '@open-wc/testing';
import { describeError } from '../../ui/shared/error-messages.ts';
import { ImportError } from '../import-check.ts';

/** Runs `run`, which must throw an ImportError whose message says nothing changed; its problems. */
export function problemsOf(run: () => unknown): ImportError['problems'] {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ImportError);
    expect(describeError((error as ImportError), 'ja')).to.contain('変更していません');
    return (error as ImportError).problems;
  }
  throw new Error('expected an ImportError');
}
