import Decimal from 'decimal.js';

/**
 * Money inside the domain is an exact integer count of fen (0.01 CNY) as a bigint.
 * On the wire and in events it is a decimal string with at most two decimals.
 */
export type Fen = bigint;

const MONEY_PATTERN = /^(0|[1-9]\d{0,15})(\.\d{1,2})?$/;

/** True for "150000000", "150000000.5", "150000000.00"; false for exponents, signs, spaces, floats with 3+ decimals. */
export function isMoneyString(value: unknown): value is string {
  return typeof value === 'string' && MONEY_PATTERN.test(value);
}

export function parseMoney(value: string): Fen {
  if (!isMoneyString(value)) throw new RangeError(`not a money amount: ${value}`);
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0'));
}

/**
 * `value`, or the first of `candidates` equal to it. A bigint is a heap object of its own (24 bytes here), and a
 * fact's figures often repeat each other: a drawdown's exposure is its amount (no margin), what is covered is its
 * margin, zero is zero. Bigints are immutable values, so the state may hold one object for equal figures.
 */
export function sharedFen(value: Fen, ...candidates: Fen[]): Fen {
  for (const c of candidates) if (c === value) return c;
  return value;
}

export function formatMoney(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const whole = abs / 100n;
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}${whole}.${cents}`;
}

export function maxFen(a: Fen, b: Fen): Fen {
  return a > b ? a : b;
}

export function minFen(a: Fen, b: Fen): Fen {
  return a < b ? a : b;
}

/** Ratios (cap ratios, equity shares) are decimal strings in [0, 1]. */
const RATIO_PATTERN = /^(0(\.\d{1,6})?|1(\.0{1,6})?)$/;

export function isRatioString(value: unknown): value is string {
  return typeof value === 'string' && RATIO_PATTERN.test(value);
}

/**
 * ratio x amount, exact, floored to whole fen. A cap of 15% of 1,000,000.01 is 150,000.0015 yuan;
 * flooring keeps "measure > cap" exact because measures are whole fen: m > 15000000.15 fen <=> m > 15000000 fen.
 */
export function applyRatio(ratio: string, amount: Fen): Fen {
  const key = `${ratio}|${amount}`;
  const known = capsByRatioAndAmount.get(key);
  if (known !== undefined) return known;
  const cap = BigInt(new Decimal(ratio).mul(amount.toString()).floor().toFixed(0));
  if (capsByRatioAndAmount.size >= 256) capsByRatioAndAmount.clear();
  capsByRatioAndAmount.set(key, cap);
  return cap;
}

/**
 * Caps are asked for several times per command with the same two or three (ratio, net capital) pairs; the
 * decimal arithmetic is the costly part. A pure function's memo: it changes no answer, only the time taken.
 */
const capsByRatioAndAmount = new Map<string, Fen>();

/** measure / base as a decimal string with 4 decimals, for display (utilisation, ratio to net capital). */
export function ratioOf(measure: Fen, base: Fen): string {
  if (base === 0n) return '0.0000';
  return new Decimal(measure.toString()).div(base.toString()).toDecimalPlaces(4, Decimal.ROUND_HALF_UP).toFixed(4);
}
