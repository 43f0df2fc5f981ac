/**
 * Simulated time for the virtual readers: `sleep` moves the clock forward at once, so a card
 * that takes 300 ms to sign or a 600 ms frame waiting time costs the tests nothing, and no
 * outcome depends on how fast the machine runs. Drivers of a virtual device use its clock
 * (UsbDeviceLike.clock); real devices have none and their drivers use the system clock.
 */
import type { Clock } from '../transport/clock.ts';

export class VirtualClock implements Clock {
  private time = 0;

  now(): number {
    return this.time;
  }

  async sleep(ms: number): Promise<void> {
    this.time += Math.max(0, ms);
  }
}
