import { Fen } from '../shared/money';

/**
 * domain.md section 5: a subject is in the report while it has a comprehensive limit or credit outstanding;
 * only a real exit (no valid limit, no pending renewal, nothing outstanding) takes it out.
 */
export function isReported(figures: { comprehensiveLimit: Fen; outstanding: Fen }): boolean {
  return figures.comprehensiveLimit > 0n || figures.outstanding > 0n;
}

/**
 * The report's order: indexes into `limits` and `ids` (one subject each), largest comprehensive limit first, ties by
 * the smaller group or customer id; a subject's rank is its place in the answer plus one. Indexes rather than
 * wrapped entries: a bank's report ranks 100,000 subjects, and each wrapper would be one more object to collect.
 */
export function rankOrder(limits: readonly Fen[], ids: readonly string[]): number[] {
  const order: number[] = [];
  for (let index = 0; index < limits.length; index++) order.push(index);
  return order.sort((a, b) => (limits[a] !== limits[b] ? (limits[a] > limits[b] ? -1 : 1) : ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
}

/** Ranked by maximum comprehensive limit, largest first; ties by the smaller group or customer id. */
export function rankByComprehensiveLimit<T>(entries: readonly { item: T; limit: Fen; id: string }[]): { item: T; rank: number }[] {
  const order = rankOrder(
    entries.map((entry) => entry.limit),
    entries.map((entry) => entry.id),
  );
  return order.map((index, place) => ({ item: entries[index].item, rank: place + 1 }));
}
