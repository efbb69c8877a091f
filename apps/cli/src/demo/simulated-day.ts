import { BusinessDate } from '@groupcap/domain';
import { SeededRandom } from './seeded-random';

/**
 * The demo's bank works through 2025 one business day at a time: the writer's "today" is the simulated day
 * (the domain measures breaches as of today, so a 2025 merge is judged by 2025's limits), recorded times run
 * from 09:00 China time that day, and event ids come from the seed, so the same seed writes the same log.
 */
export class SimulatedDay {
  private day: BusinessDate;
  private ticks = 0;
  private readonly rng: SeededRandom;

  constructor(seed: number, first: BusinessDate) {
    this.day = first;
    this.rng = new SeededRandom(seed ^ 0x5eed1d5);
  }

  set(day: BusinessDate): void {
    this.day = day;
    this.ticks = 0;
  }

  readonly today = (): BusinessDate => this.day;

  /** 09:00 China time (01:00 UTC), seven seconds per command. */
  readonly clock = (): Date => new Date(Date.parse(`${this.day}T01:00:00.000Z`) + 7_000 * this.ticks++);

  /** A version-4 UUID drawn from the seed. */
  readonly newId = (): string => {
    const hex = Array.from({ length: 4 }, () => Math.floor(this.rng.next() * 2 ** 32).toString(16).padStart(8, '0')).join('');
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  };
}
