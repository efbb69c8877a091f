import { BookState } from '../book/book.state';
import { isCurrent } from '../book/book-on-date';
import { BusinessDate, isBusinessDate } from '../shared/business-date';
import { groupOfGroupLimitOn } from '../group-limits/group-limit-on-date';
import { parseSubjectKey } from '../book/subject';

/**
 * Which subjects a ReviewCaps must measure (issue 9, docs/benchmarks.md "The first command of the day"):
 * - `every-subject`: the full review, every subject of every customer with credit, in both regimes;
 * - `customers`: only the subjects of these customers, in the 2010 regime; the 2018 regime measures nothing.
 */
export type ReviewScope = { kind: 'every-subject' } | { kind: 'customers'; customers: readonly string[]; groups: readonly string[] };

const EVERY_SUBJECT: ReviewScope = { kind: 'every-subject' };

/**
 * A review on `today` of a book whose full review on `since` would have recorded nothing needs to measure only the
 * subjects time alone moved between the two dates; it then records exactly what the full review would.
 *
 * Why. When nothing took effect after `since` (isCurrent: no fact, declaration, policy, membership, relation,
 * drawdown, repayment or breach is dated later; commands are never dated in the future), the book on `since` and on
 * `today` are the same objects (every reader of book-on-date answers from the book today), and the breach state
 * the log records is the same on both dates. Every measure, cap and existence test then reads the date only where
 * a fact's own date is compared with it, and each of those is at or before `since`, so on both sides alike, except:
 * - a limit's validity (caps/measures.ts limitContribution): an approved limit counts `max(amount, outstanding)`
 *   while `date <= validTo`, then its carried-forward figure or its outstanding: it moves for a limit whose
 *   `validTo` is in [since, today);
 * - a group limit's validity (group-limit-on-date.ts groupLimitContribution), the same rule: it moves its group.
 * The validFrom of a limit does not count (an approved limit counts from its grant, measures.ts), net capital and
 * policy take effect only on their own dates (any after `since` means the full review), and the 2018 measures
 * (large-exposure.measure.ts) read balances, factors and capital, never a limit's validity: nothing moves there.
 * So a subject outside these customers' has the same verdict and the same open breaches on `today` as on `since`,
 * where the full review found them to agree; it would record nothing for it.
 *
 * Only customers and groups the full review measures (customers with limits, `limitsByCustomer`, and groups with group
 * limits, `groupLimitsByGroup`) are named, so the subjects measured are a subset of the full review's and each is measured by the same code against the same state.
 * Anything else (no `since`, a `since` after today or malformed, a review dated before today, anything dated
 * after `since`) is the full review.
 */
export function reviewScope(state: BookState, since: BusinessDate | undefined, effectiveDate: BusinessDate, today: BusinessDate): ReviewScope {
  if (since === undefined || !isBusinessDate(since) || since > today || effectiveDate !== today || !isCurrent(state, since)) return EVERY_SUBJECT;
  if (since === today) return { kind: 'customers', customers: [], groups: [] };
  const customers = new Set<string>();
  const expiresBetween = (validTo: BusinessDate) => since <= validTo && validTo < today;
  // Every limit is in its customer's `limitsByCustomer` list, so its customer is one the full review measures. A scan,
  // with forEach and no lookup per limit; reading each validTo dominates (Limit objects come in many shapes): about
  // 5-15 ms for the benchmark's tenth book (22,000 limits), 100-200 ms for the full one (202,000), loaded machine.
  state.limits.forEach((limit) => {
    if (expiresBetween(limit.validTo)) customers.add(limit.customerId);
  });
  const groups = new Set<string>();
  state.groupLimits.forEach((groupLimit) => {
    if (!expiresBetween(groupLimit.validTo)) return;
    // The group it counts for today; the full review measures every group a group limit ever belonged to as well.
    const groupId = groupOfGroupLimitOn(groupLimit, today);
    if (groupId !== undefined) groups.add(groupId);
  });
  // Whatever is in breach today is measured again. The premise above (the book on `since` as its full review left it)
  // does not hold for a breach: a command dated back records one on its own dates and measures it only as far as
  // the subjects it touched, so a breach can stay open past a date on which the full review would close it (a
  // group dissolved since, its group limit expired: the fast-check counterexample of seed -170414810 in
  // review-since.property.spec.ts). Open breaches are few; each subject named here is one the full review measures.
  state.breaches.forEach((open, key) => {
    if (open.isEmpty()) return;
    const subject = parseSubjectKey(key);
    switch (subject.subjectType) {
      case 'customer':
        if (state.limitsByCustomer.has(subject.customerId)) customers.add(subject.customerId);
        return;
      case 'group': {
        const { groupId } = subject;
        if (state.groupLimitsByGroup.has(groupId)) groups.add(groupId);
        state.groups.get(groupId)?.members.forEach((member) => {
          if (state.limitsByCustomer.has(member)) customers.add(member);
        });
        return;
      }
      case 'connected-group':
        // A 2018 subject: filed in that regime's own books (cap.evolve.ts), never in these 2010 ones.
        return;
      default: {
        const unhandled: never = subject;
        return unhandled;
      }
    }
  });
  return { kind: 'customers', customers: [...customers], groups: [...groups] };
}
