import { BookState, decideAndEvolve, isRefusal } from '@groupcap/domain';

/**
 * `today` if the first-of-day review (ReviewCaps, docs/domain.md section 4) would record nothing on `state`:
 * every subject's breach state on that date already matches its measures and caps, so the review of that day
 * is as good as done. Else undefined. The snapshot worker asks this of the book it saves (off the writer's
 * thread), so a writer restarted on the same business day need not review a whole book again before its first
 * command (BookWriter.start says when the events after the snapshot still allow that).
 */
export function reviewedOn(state: BookState, today: string): string | undefined {
  const review = decideAndEvolve({ type: 'ReviewCaps' }, state, { actor: { userId: 'system', roles: [] }, effectiveDate: today, today });
  return !isRefusal(review) && review.events.length === 0 ? today : undefined;
}
