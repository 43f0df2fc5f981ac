/**
 * Test helpers: the typed refusal a call ends in. They fail the test when the call returns, or
 * throws something other than a `type` (KofuError by default) with the `code` asked for.
 */
import { expect } from '@open-wc/testing';
import { KofuError } from '../errors.ts';

type ErrorType<E> = abstract new (...args: never[]) => E;

function checked<E extends KofuError<string, object>>(error: unknown, code: string | undefined, type: ErrorType<E>): E {
  expect(error, code === undefined ? 'expected a refusal' : `expected ${code}`).to.be.instanceOf(type);
  if (code !== undefined) expect((error as E).code).to.equal(code);
  return error as E;
}

export async function refusal<E extends KofuError<string, object> = KofuError>(work: Promise<unknown> | (() => unknown), code?: string, type: ErrorType<E> = KofuError as unknown as ErrorType<E>): Promise<E> {
  let error: unknown;
  try {
    await (typeof work === 'function' ? work() : work);
  } catch (e) {
    error = e;
  }
  return checked(error, code, type);
}

/** `refusal` for a synchronous call. */
export function refusalSync<E extends KofuError<string, object> = KofuError>(run: () => unknown, code?: string, type: ErrorType<E> = KofuError as unknown as ErrorType<E>): E {
  try {
    run();
  } catch (error) {
    return checked(error, code, type);
  }
  return checked(undefined, code, type);
}
