/** Shared timing helpers for bench/*.bench.ts: the median of repeated runs, in milliseconds. */

export interface Metric {
  readonly id: string;
  readonly value: number;
  readonly unit: string;
  readonly [context: string]: unknown;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

/** Runs `task` `runs` times in sequence and returns the median wall time, rounded to `digits`. */
export async function medianMs(runs: number, task: (run: number) => unknown, digits = 1): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await task(i);
    times.push(performance.now() - started);
  }
  return +median(times).toFixed(digits);
}

/**
 * What a bench module may ask bench/run.mjs for (its `options` export). A module may also export
 * `prepare()`: run.mjs awaits it before throttling, for fixtures that stand for the world (a
 * simulated scan), not for the device being measured.
 */
export interface BenchOptions {
  /** `Emulation.setCPUThrottlingRate` for the page: 4 runs its main thread four times slower. */
  readonly cpuThrottlingRate?: number;
}

/** The spread of repeated runs: the fastest and the slowest, rounded like the median. */
export function spread(values: readonly number[], digits = 1): { min: number; max: number } {
  return { min: +Math.min(...values).toFixed(digits), max: +Math.max(...values).toFixed(digits) };
}
