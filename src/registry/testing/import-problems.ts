/**
 * Test helper for the registry's import checks (import-check.ts): the problems a refused file
 * names. The words a person reads for the refusal ("nothing was changed") are pinned where they
 * are made, in src/ui/shared/error-messages.test.ts.
 */
import { expect } from '@open-wc/testing';
import { ImportError } from '../import-check.ts';

/** Runs `run`, which must throw an ImportError (`registry.import-invalid`); its problems. */
export function problemsOf(run: () => unknown): ImportError['problems'] {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(ImportError);
    expect((error as ImportError).code).to.equal('registry.import-invalid');
    return (error as ImportError).problems;
  }
  throw new Error('expected an ImportError');
}
