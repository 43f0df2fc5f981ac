/**
 * Runs calls on a comlink-wrapped module worker, one at a time, with cancellation.
 *
 * A worker cannot observe the caller's AbortSignal mid-loop, so aborting a running call
 * terminates the worker (its memory goes with it) and the next call starts a fresh one. An idle
 * worker is shut down after `idleMs`, so a tablet does not keep a large heap alive between jobs.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { AbortedError, throwIfAborted } from '../bytes/errors.ts';
import { installErrorTransfer } from './worker-errors.ts';

// A KofuError thrown in a worker arrives with its code and params (see worker-errors.ts).
installErrorTransfer();

export interface CallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (fraction: number) => void;
}

export class WorkerBridge<Api> {
  private worker?: Worker;
  private remote?: Remote<Api>;
  private queue: Promise<unknown> = Promise.resolve();
  private idleTimer?: ReturnType<typeof setTimeout>;
  /** How many workers this bridge has started; tests use it to see a restart after abort. */
  workersStarted = 0;

  constructor(
    private readonly createWorker: () => Worker,
    private readonly idleMs = 10_000,
  ) {}

  /**
   * Queues `task` and runs it against the worker. The task receives the remote API and a
   * progress callback already wrapped for transfer across the thread boundary.
   */
  call<Result>(task: (api: Remote<Api>, onProgress?: (fraction: number) => void) => Promise<Result>, options: CallOptions = {}): Promise<Result> {
    const run = async (): Promise<Result> => {
      throwIfAborted(options.signal);
      clearTimeout(this.idleTimer);
      const remote = this.ensureWorker();
      const progress = options.onProgress ? proxy(options.onProgress) : undefined;
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          this.terminate();
          reject(new AbortedError({ cause: options.signal?.reason }));
        };
        options.signal?.addEventListener('abort', onAbort, { once: true });
      });
      try {
        return await Promise.race([task(remote, progress), aborted]);
      } finally {
        if (onAbort) options.signal?.removeEventListener('abort', onAbort);
        this.idleTimer = setTimeout(() => this.terminate(), this.idleMs);
      }
    };
    const result = this.queue.then(run, run);
    this.queue = result.catch(() => undefined);
    return result;
  }

  terminate(): void {
    clearTimeout(this.idleTimer);
    this.remote?.[releaseProxy]();
    this.worker?.terminate();
    this.worker = undefined;
    this.remote = undefined;
  }

  private ensureWorker(): Remote<Api> {
    if (!this.remote) {
      this.worker = this.createWorker();
      this.remote = wrap<Api>(this.worker);
      this.workersStarted++;
    }
    return this.remote;
  }
}
