import { BookEvent } from '../book/book.events';
import { evolveOn, withBookIds } from '../book/book.evolve';
import { membersOn } from '../book/book-on-date';
import { stateFrom } from '../testing/book.spec-dsl';
import { customers, limitGranted } from '../testing/book.fixtures';

/** Ids as a parsed log gives them: equal strings, not the book's own (the swap itself is not observable by value). */
const parsed = <E extends BookEvent>(event: E): E => JSON.parse(JSON.stringify(event)) as E;

describe('withBookIds: a logged event as the writer replays it', () => {
  const book = stateFrom(customers('A', 'B', 'C', 'D', 'E'));

  it.each<BookEvent>([
    { type: 'GroupFormed', data: { groupId: 'G000001', name: 'A', members: ['A', 'B'] } },
    { type: 'GroupsMerged', data: { groupId: 'G000001', name: 'A', absorbedGroupIds: ['G000002'], members: ['A', 'B', 'C', 'D'], joined: ['C', 'D'], effectiveFrom: '2026-03-01' } },
    // A log written before `joined` existed has none, and gains none.
    { type: 'GroupsMerged', data: { groupId: 'G000001', name: 'A', absorbedGroupIds: ['G000002'], members: ['A', 'B', 'C', 'D'] } },
    { type: 'GroupSplit', data: { groupId: 'G000001', remainingMembers: ['A', 'B'], newGroups: [{ groupId: 'G000003', name: 'C', members: ['C', 'D'] }], leftMembers: ['E'] } },
    { type: 'GroupMemberJoined', data: { groupId: 'G000001', customerId: 'E' } },
    { type: 'GroupMemberLeft', data: { groupId: 'G000001', customerId: 'E' } },
    { type: 'GroupDissolved', data: { groupId: 'G000001', members: ['A', 'B'] } },
    { type: 'RelationRecorded', data: { relationId: 'R1', from: 'A', to: 'B', relationType: 'deemed-group', share: null } },
    limitGranted('L1', 'A', '1000000.00'),
  ])('changes nothing a reader of $type could see', (event) => {
    expect(withBookIds(book, parsed(event))).toEqual(event);
  });

  it('leaves an id the book does not know as it is', () => {
    const event: BookEvent = { type: 'GroupFormed', data: { groupId: 'G000001', name: 'X', members: ['A', 'X'] } };
    expect(withBookIds(book, parsed(event))).toEqual(event);
  });
});

describe('everyone ever in a group', () => {
  it('lists each customer once, in the order first recorded, however often it leaves and comes back', () => {
    const events: [string, BookEvent][] = [
      ['2026-01-05', { type: 'GroupFormed', data: { groupId: 'G000001', name: 'A', members: ['A', 'B'] } }],
      ['2026-02-01', { type: 'GroupMemberLeft', data: { groupId: 'G000001', customerId: 'B' } }],
      ['2026-02-10', { type: 'GroupMemberJoined', data: { groupId: 'G000001', customerId: 'C' } }],
      ['2026-03-01', { type: 'GroupMemberJoined', data: { groupId: 'G000001', customerId: 'B' } }],
    ];
    const state = events.reduce((s, [date, event]) => evolveOn(date)(s, event), stateFrom(customers('A', 'B', 'C')));
    expect(state.everInGroup.get('G000001')).toEqual(['A', 'B', 'C']);
    // On 2026-02-15 B had left and C had joined; on 2026-03-01 B was back.
    expect(membersOn(state, 'G000001', '2026-02-15').sort()).toEqual(['A', 'C']);
    expect(membersOn(state, 'G000001', '2026-01-31').sort()).toEqual(['A', 'B']);
  });
});
