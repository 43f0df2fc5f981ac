/**
 * Typed errors across a worker boundary. comlink's default `throw` handler keeps only an Error's
 * `name`, `message` and `stack`, so a KofuError thrown in a worker would reach the UI without its
 * code and params and could only be described as "unexpected". This handler sends a KofuError as
 * plain data (toErrorData) and rebuilds it on the other side; anything else goes the default way.
 * Both sides install it: the workers at start-up, the main thread in worker-bridge.ts.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { KofuError, fromErrorData, isErrorData, toErrorData } from '../bytes/errors.ts';

type Thrown = { value: unknown };
type Serialized = { isError: boolean; value: unknown };

let installed = false;

export function installErrorTransfer(): void {
  if (installed) return;
  installed = true;
  const fallback = transferHandlers.get('throw') as TransferHandler<Thrown, Serialized>;
  const handler: TransferHandler<Thrown, Serialized> = {
    canHandle: (value): value is Thrown => fallback.canHandle(value),
    serialize(thrown) {
      if (thrown.value instanceof KofuError) return [{ isError: false, value: toErrorData(thrown.value) }, []];
      return fallback.serialize(thrown);
    },
    deserialize(serialized) {
      if (!serialized.isError && isErrorData(serialized.value)) throw fromErrorData(serialized.value);
      return fallback.deserialize(serialized);
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}
