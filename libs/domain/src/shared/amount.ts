import { Fen, isMoneyString, parseMoney } from './money';
import { Refusal, refuse } from './refusal';

/**
 * A money field of a command: a decimal string with at most two decimals, and more than zero unless
 * `zeroAllowed`. The HTTP edge refuses malformed input first; this keeps every other caller (CLI, scripts)
 * from reaching a decision with a malformed figure.
 */
export function amountOf(value: string, field: string, zeroAllowed = false): Fen | Refusal {
  if (!isMoneyString(value)) {
    return refuse('VALIDATION_FAILED', `${field} must be a decimal string with at most two decimals, such as "1500000.00"`, { [field]: String(value) });
  }
  const amount = parseMoney(value);
  if (amount === 0n && !zeroAllowed) return refuse('INVALID_AMOUNT', `${field} must be more than zero`, { [field]: value });
  return amount;
}
