import { BookEvent } from '../book/book.events';
import { evolve } from '../book/book.evolve';
import { BookState } from '../book/book.state';
import { stateFrom } from '../testing/book.spec-dsl';
import { controlledPair, customers, drawdownBooked, group, limitGranted, netCapitalDeclared } from '../testing/book.fixtures';
import { allocated, groupLimitInForce } from '../testing/group-limit.fixtures';
import { GroupSums } from './group-sums';

const TODAY = '2026-03-31';

/**
 * Two groups of two: G000001 = {A, B}, G000002 = {C, D}, and G000003 = {E, F} beside them.
 * Limits (valid to 2026-12-31): A 10,000,000.00; B 20,000,000.00 with 5,000,000.00 drawn (all exposed);
 * C 30,000,000.00; D 40,000,000.00; E 1,000,000.00; F 2,000,000.00.
 */
const history: BookEvent[] = [
  netCapitalDeclared('1000000000.00'),
  ...customers('A', 'B', 'C', 'D', 'E', 'F'),
  ...controlledPair('G000001', 'A', 'B'),
  ...controlledPair('G000002', 'C', 'D'),
  ...controlledPair('G000003', 'E', 'F'),
  limitGranted('LA', 'A', '10000000.00'),
  limitGranted('LB', 'B', '20000000.00'),
  drawdownBooked('DB', 'LB', 'B', '5000000.00'),
  limitGranted('LC', 'C', '30000000.00'),
  limitGranted('LD', 'D', '40000000.00'),
  limitGranted('LE', 'E', '1000000.00'),
  limitGranted('LF', 'F', '2000000.00'),
];

const membersOf = (state: BookState, groupId: string) => state.groups.get(groupId)!.members;

/** G000002 merged into G000001: C and D join it. */
const merged: BookEvent = {
  type: 'GroupsMerged',
  data: { groupId: 'G000001', name: 'A', absorbedGroupIds: ['G000002'], members: ['A', 'B', 'C', 'D'], joined: ['C', 'D'] },
};

/** A decision's sums with G000001 of the book `history` makes summed and kept, as a merge's ranking leaves them. */
function keptOnce(): { sums: GroupSums; book: BookState } {
  const sums = new GroupSums();
  const book = stateFrom(history);
  sums.kept(book, group('G000001'), TODAY);
  return { sums, book };
}

describe('GroupSums: one decision summing each group once', () => {
  it("gives a group's measures: its members' limits, outstanding and exposure summed", () => {
    // limit 10,000,000.00 + 20,000,000.00 = 30,000,000.00; outstanding and exposure 5,000,000.00 (B's drawdown).
    const sums = new GroupSums();
    const book = stateFrom(history);
    expect(sums.kept(book, group('G000001'), TODAY)).toEqual({ limit: 3_000_000_000n, exposure: 500_000_000n, outstanding: 500_000_000n });
    // Asked again, the same figures.
    expect(sums.measuresOf(book, group('G000001'), TODAY)).toEqual({ limit: 3_000_000_000n, exposure: 500_000_000n, outstanding: 500_000_000n });
  });

  it('never answers a book whose limits changed since, though the group and its member set did not', () => {
    const { sums, book } = keptOnce();
    // A draws 12,000,000.00 (over its 10,000,000.00 limit: reported at the outstanding, 12,000,000.00).
    const later = evolve(book, drawdownBooked('DA', 'LA', 'A', '12000000.00'));
    expect(membersOf(later, 'G000001')).toBe(membersOf(book, 'G000001'));
    // limit 12,000,000.00 + 20,000,000.00 = 32,000,000.00; outstanding and exposure 12,000,000.00 + 5,000,000.00.
    expect(sums.measuresOf(later, group('G000001'), TODAY)).toEqual({ limit: 3_200_000_000n, exposure: 1_700_000_000n, outstanding: 1_700_000_000n });
    // And the earlier book still gets its own figures.
    expect(sums.measuresOf(book, group('G000001'), TODAY)).toEqual({ limit: 3_000_000_000n, exposure: 500_000_000n, outstanding: 500_000_000n });
  });

  it('never answers another date of the same book', () => {
    const { sums, book } = keptOnce();
    // On 2027-01-04 both limits have expired with no renewal pending: only B's 5,000,000.00 outstanding is reported.
    expect(sums.measuresOf(book, group('G000001'), '2027-01-04')).toEqual({ limit: 500_000_000n, exposure: 500_000_000n, outstanding: 500_000_000n });
  });

  it('gives a merged group the sums of the groups merged into it', () => {
    const sums = new GroupSums();
    const before = stateFrom(history);
    sums.kept(before, group('G000001'), TODAY);
    sums.kept(before, group('G000002'), TODAY);
    const after = evolve(before, merged);
    sums.mayBeUnionOf(membersOf(after, 'G000001'), [membersOf(before, 'G000001'), membersOf(before, 'G000002')]);
    // 30,000,000.00 + 30,000,000.00 + 40,000,000.00 = 100,000,000.00; outstanding and exposure 5,000,000.00.
    expect(sums.measuresOf(after, group('G000001'), TODAY)).toEqual({ limit: 10_000_000_000n, exposure: 500_000_000n, outstanding: 500_000_000n });
  });

  it('sums the merged group itself when the groups said to make it up do not hold exactly its members', () => {
    const sums = new GroupSums();
    const before = stateFrom(history);
    for (const groupId of ['G000001', 'G000002', 'G000003']) sums.kept(before, group(groupId), TODAY);
    const after = evolve(before, merged);
    const whole = membersOf(after, 'G000001');
    // G000001 alone misses C and D; with G000003 it holds as many members (4) but E and F instead of C and D.
    sums.mayBeUnionOf(whole, [membersOf(before, 'G000001')]);
    expect(sums.measuresOf(after, group('G000001'), TODAY).limit).toBe(10_000_000_000n);
    const other = new GroupSums();
    for (const groupId of ['G000001', 'G000003']) other.kept(before, group(groupId), TODAY);
    other.mayBeUnionOf(whole, [membersOf(before, 'G000001'), membersOf(before, 'G000003')]);
    expect(other.measuresOf(after, group('G000001'), TODAY).limit).toBe(10_000_000_000n);
  });

  it('sums the merged group itself when a limit changed after its parts were summed', () => {
    const sums = new GroupSums();
    const before = stateFrom(history);
    sums.kept(before, group('G000001'), TODAY);
    sums.kept(before, group('G000002'), TODAY);
    // C draws 35,000,000.00 under its 30,000,000.00 limit, then the groups merge.
    const after = evolve(evolve(before, drawdownBooked('DC', 'LC', 'C', '35000000.00')), merged);
    sums.mayBeUnionOf(membersOf(after, 'G000001'), [membersOf(before, 'G000001'), membersOf(before, 'G000002')]);
    // limit 10,000,000.00 + 20,000,000.00 + 35,000,000.00 + 40,000,000.00 = 105,000,000.00;
    // outstanding and exposure 5,000,000.00 + 35,000,000.00 = 40,000,000.00.
    expect(sums.measuresOf(after, group('G000001'), TODAY)).toEqual({ limit: 10_500_000_000n, exposure: 4_000_000_000n, outstanding: 4_000_000_000n });
  });

  it('counts a group limit once in place of the allocations under it', () => {
    // G000003 holds a 50,000,000.00 group limit; E's limit is replaced by a 4,000,000.00 allocation of it.
    const book = stateFrom([...history, ...groupLimitInForce('GL1', 'G000003', '50000000.00'), allocated('LE2', 'E', '4000000.00', 'GL1')]);
    const sums = new GroupSums();
    // 50,000,000.00 (the group limit) + 1,000,000.00 (LE) + 2,000,000.00 (LF); the allocation LE2 counts under GL1.
    expect(sums.kept(book, group('G000003'), TODAY).limit).toBe(5_300_000_000n);
    expect(sums.measuresOf(book, group('G000003'), TODAY).limit).toBe(5_300_000_000n);
  });
});
