import { randomFillSync } from 'node:crypto';

/**
 * Event ids as version-7 UUIDs (RFC 9562): 48 bits of Unix milliseconds, then a 12-bit counter, then 62 random
 * bits. Why not version 4: the embedded store keeps a UNIQUE index on the id, and random ids put each insert on a
 * random leaf of it, so a 100-event commit dirtied (and wrote to the WAL, then checkpointed) up to 100 index
 * pages; ids that grow with time all land on the index's right edge, one or two pages a commit.
 *
 * Monotonic in one generator (RFC 9562 section 6.2, method 1): within one millisecond the counter counts up from
 * a random start below 0x800; past 0xfff, or when the clock steps back, the millisecond field moves on from the
 * last one used instead of following the clock, so each id sorts (as text too: lowercase hex) after the one
 * before. Uniqueness across processes rests on the 62 random bits (and the random counter start) as v4's rests on
 * its 122; the store still refuses a duplicate id.
 */
export type EventIdGenerator = () => string;

/** Fills the buffer with random bytes (crypto.randomFillSync in production; a fixed pattern in specs). */
export type RandomFill = (buffer: Buffer) => void;

/** The ASCII codes of 0-9 and a-f: ids are lowercase hex, so they sort as text as they do as numbers. */
const HEX_DIGITS = Uint8Array.from('0123456789abcdef', (digit) => digit.charCodeAt(0));
const DASH = '-'.charCodeAt(0);
const UUID_LENGTH = 36;
/** Random bytes one id takes: two for a new millisecond's counter start, eight for the random tail. */
const BYTES_PER_ID = 10;
/** Ids served by one fill of the pool: one randomFillSync per 256 ids rather than one per id. */
const IDS_PER_FILL = 256;
const MAX_COUNTER = 0xfff;

export function eventIdGenerator(clock: () => number = Date.now, fill: RandomFill = randomFillSync): EventIdGenerator {
  const pool = Buffer.alloc(BYTES_PER_ID * IDS_PER_FILL);
  const id = Buffer.alloc(16);
  const text = Buffer.alloc(UUID_LENGTH);
  let next = pool.length;
  let lastMs = -1;
  let counter = 0;
  return () => {
    if (next === pool.length) {
      fill(pool);
      next = 0;
    }
    const r = next;
    next += BYTES_PER_ID;
    const now = clock();
    if (now > lastMs) {
      lastMs = now;
      // Below 0x800: at least 2,048 more ids fit in this millisecond before it has to borrow the next one.
      counter = ((pool[r] << 8) | pool[r + 1]) & 0x7ff;
    } else if (counter < MAX_COUNTER) {
      counter += 1;
    } else {
      lastMs += 1;
      counter = 0;
    }
    const ms = lastMs;
    const high = Math.floor(ms / 2 ** 16);
    id[0] = (high >>> 24) & 0xff;
    id[1] = (high >>> 16) & 0xff;
    id[2] = (high >>> 8) & 0xff;
    id[3] = high & 0xff;
    id[4] = (ms >>> 8) & 0xff;
    id[5] = ms & 0xff;
    id[6] = 0x70 | (counter >>> 8);
    id[7] = counter & 0xff;
    id[8] = 0x80 | (pool[r + 2] & 0x3f);
    pool.copy(id, 9, r + 3, r + 10);
    return asText(id, text);
  };
}

/**
 * The 16 bytes as the 36 characters of a UUID, written as ASCII into `text` and read out as one flat string: a chain
 * of `+` would leave a rope of twenty strings per id for the collector (about a kilobyte a command).
 */
function asText(id: Buffer, text: Buffer): string {
  let at = 0;
  for (let i = 0; i < 16; i++) {
    if (i === 4 || i === 6 || i === 8 || i === 10) text[at++] = DASH;
    text[at++] = HEX_DIGITS[id[i] >>> 4];
    text[at++] = HEX_DIGITS[id[i] & 0xf];
  }
  return text.toString('latin1', 0, UUID_LENGTH);
}

/** The process's generator: what the writer gives each new event unless told otherwise. */
export const newEventId: EventIdGenerator = eventIdGenerator();
