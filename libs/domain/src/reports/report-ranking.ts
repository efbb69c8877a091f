import { Fen } from '../shared/money';

/**
 * domain.md section 5: a subject is in the report while it has a comprehensive limit or credit outstanding;
 * only a real exit (no valid limit, no pending renewal, nothing outstanding) takes it out.
 */
export function isReported(figures: { comprehensiveLimit: Fen; outstanding: Fen }): boolean {
  return figures.comprehensiveLimit > 0n || figures.outstanding > 0n;
}

/** Ranked by maximum comprehensive limit, largest first; ties by the smaller group or customer id. */
export function rankByComprehensiveLimit<T>(entries: readonly { item: T; limit: Fen; id: string }[]): { item: T; rank: number }[] {
  return [...entries]
    .sort((a, b) => (a.limit !== b.limit ? (a.limit > b.limit ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ item }, index) => ({ item, rank: index + 1 }));
}
