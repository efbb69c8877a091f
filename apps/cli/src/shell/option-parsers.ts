import { InvalidArgumentError } from 'commander';
import { Fen, isBusinessDate, isMoneyString, parseMoney } from '@groupcap/domain';

/** Commander argument parsers: a bad value stops the command with a usage error before anything is read. */
export function businessDateOption(value: string): string {
  if (!isBusinessDate(value)) throw new InvalidArgumentError('expected a calendar date YYYY-MM-DD.');
  return value;
}

export function positionOption(value: string): bigint {
  if (!/^(0|[1-9]\d*)$/.test(value)) throw new InvalidArgumentError('expected a log position: a whole number, 0 or more.');
  return BigInt(value);
}

/** Yuan with at most two decimals, as on the wire: "5000000000" or "5000000000.00". */
export function moneyOption(value: string): Fen {
  if (!isMoneyString(value)) throw new InvalidArgumentError('expected an amount in yuan such as 5000000000.00 (no separators, at most two decimals).');
  return parseMoney(value);
}
