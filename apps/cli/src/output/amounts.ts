import { Fen, formatMoney } from '@groupcap/domain';

/** 123456789 fen -> "1,234,567.89": the figure as a person reads it; exact, no float on the way. */
export function yuan(fen: Fen): string {
  const [whole, cents] = formatMoney(fen).split('.');
  const negative = whole.startsWith('-');
  const digits = negative ? whole.slice(1) : whole;
  return `${negative ? '-' : ''}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}
