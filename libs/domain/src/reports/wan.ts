import { Fen, formatMoney } from '../shared/money';

/** Fen in one hundredth of a wan (0.01 x 10,000 yuan = 100 yuan = 10,000 fen). */
const FEN_PER_HUNDREDTH_OF_WAN = 10_000n;

/**
 * An amount in 万元 (wan, 10,000 yuan) as the regulator's forms show it (domain.md section 5): 2 decimals,
 * rounded half-up (a half rounds away from zero), e.g. 12,345.67 yuan = 1.234567 wan -> "1.23", 15,000.00 yuan
 * = 1.5 wan -> "1.50", 50.00 yuan = 0.005 wan -> "0.01". Exact: integer arithmetic on fen, no floats.
 */
export function fenToWan(fen: Fen): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const hundredths = (abs + FEN_PER_HUNDREDTH_OF_WAN / 2n) / FEN_PER_HUNDREDTH_OF_WAN;
  return formatMoney(negative ? -hundredths : hundredths);
}
