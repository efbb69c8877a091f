import { Set as ISet } from 'immutable';
import { BookState } from '../book/book.state';
import { isCurrent } from '../book/book-on-date';
import { BusinessDate } from '../shared/business-date';
import { Subject } from './cap.events';
import { Measures, measuresOf } from './measures';

interface Summed {
  limitsByCustomer: BookState['limitsByCustomer'];
  date: BusinessDate;
  measures: Measures;
}

/**
 * One decision's sums of groups' measures (caps/measures.ts measuresOf), so that a merge visits each member once
 * rather than twice: ranking the survivor sums each merging group (groups/group-changes.ts), and checking the caps
 * afterwards measures the merged group, whose members are exactly theirs (caps/breach-reconciliation.ts).
 *
 * Only a group's plain sums are kept: on a date that is the book today, for a group no group limit ever belonged to
 * (state.groupLimitsByGroup, a superset of every date's), no limit of a member counts under a group limit there,
 * so its measures are the sums of its members' limits' contributions: fixed by the member set (a persistent set,
 * never changed in place), the limits by customer (the same) and the date. A sum answers only a book holding that
 * very member set and that very map of limits, on that date: any fact changed in either is a different collection,
 * so no other book, and no later version of this one, is answered from it. Anything else is measured as before.
 * The sums are dropped with the decision (one GroupSums per decision), so they keep no book alive.
 */
export class GroupSums {
  private readonly sums = new Map<ISet<string>, Summed[]>();
  /** Member sets that may be the disjoint union of others (a merged group and the groups it was merged from). */
  private readonly unions = new Map<ISet<string>, readonly ISet<string>[]>();

  /** The measures, kept for the rest of the decision: a group summed again later (each group of a merge, ranked). */
  kept(state: BookState, subject: Subject, date: BusinessDate): Measures {
    const members = plainMembers(state, subject, date);
    const known = members && this.known(members, state, date);
    if (known !== undefined) return known;
    const measures = measuresOf(state, subject, date);
    if (members !== undefined) this.remember(members, state, date, measures);
    return measures;
  }

  /**
   * The measures, from the sums kept or from those of the groups a merged group was made of; else measured and not
   * kept (a review measures every group once: keeping them all would only leave garbage behind).
   */
  measuresOf(state: BookState, subject: Subject, date: BusinessDate): Measures {
    const members = plainMembers(state, subject, date);
    return (members && (this.known(members, state, date) ?? this.ofParts(members, state, date))) ?? measuresOf(state, subject, date);
  }

  /**
   * `whole` (a group's member set) may hold exactly the members of `parts` (the member sets of the groups merged into
   * it): when it does, and each part's sums are known for the book and date asked, its sums are theirs added up.
   * Checked when asked, not assumed.
   */
  mayBeUnionOf(whole: ISet<string>, parts: readonly ISet<string>[]): void {
    this.unions.set(whole, parts);
  }

  private known(members: ISet<string>, state: BookState, date: BusinessDate): Measures | undefined {
    for (const s of this.sums.get(members) ?? []) {
      if (s.limitsByCustomer === state.limitsByCustomer && s.date === date) return s.measures;
    }
    return undefined;
  }

  private remember(members: ISet<string>, state: BookState, date: BusinessDate, measures: Measures): void {
    const list = this.sums.get(members);
    const summed = { limitsByCustomer: state.limitsByCustomer, date, measures };
    if (list) list.push(summed);
    else this.sums.set(members, [summed]);
  }

  /**
   * The sums of `whole` from those of its parts. Exact when every member of `whole` is in some part and the parts
   * together hold as many members as `whole`: the parts are then disjoint and hold nothing else, so each member's
   * limits are counted once. Checked on the sets themselves (a member set answers from its own few entries,
   * without the book's map of every customer).
   */
  private ofParts(whole: ISet<string>, state: BookState, date: BusinessDate): Measures | undefined {
    const parts = this.unions.get(whole);
    if (parts === undefined || parts.length === 0) return undefined;
    const partSums: Measures[] = [];
    let size = 0;
    for (const part of parts) {
      const known = this.known(part, state, date);
      if (known === undefined) return undefined;
      partSums.push(known);
      size += part.size;
    }
    if (size !== whole.size || !whole.every((m) => parts.some((part) => part.has(m)))) return undefined;
    return partSums.reduce((sum, m) => ({ limit: sum.limit + m.limit, exposure: sum.exposure + m.exposure, outstanding: sum.outstanding + m.outstanding }));
  }
}

/** The group's member set when its measures are plain sums over it (see GroupSums), else undefined. */
function plainMembers(state: BookState, subject: Subject, date: BusinessDate): ISet<string> | undefined {
  if (subject.subjectType !== 'group' || !isCurrent(state, date) || state.groupLimitsByGroup.has(subject.groupId)) return undefined;
  return state.groups.get(subject.groupId)?.members;
}
