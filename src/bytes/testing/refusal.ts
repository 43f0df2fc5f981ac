/** Test helper: the typed refusal a call ends in (fails the test when it resolves or throws something else). */
import { expect } from '@open-wc/testing';
import { KofuError } from '../errors.ts';

export async function refusal(work: Promise<unknown> | (() => unknown)): Promise<KofuError> {
  let error: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a refusal').to.be.instanceOf(KofuError);
  return error as KofuError;
}
