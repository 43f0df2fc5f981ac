/**
 * Time as the reader drivers see it. Real readers run on the system clock; the virtual readers
 * (src/card/virtual/) bring a simulated one, so that card processing times, frame waiting times
 * and the pauses after RF off/on are modelled without real waiting, and tests never depend on
 * machine speed. A device that carries a `clock` (UsbDeviceLike.clock) hands it to its driver.
 */
export interface Clock {
  /** Milliseconds on this clock's own scale. */
  now(): number;
  /** Resolves once `ms` have passed on this clock. */
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
