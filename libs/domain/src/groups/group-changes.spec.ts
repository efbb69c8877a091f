import { applyGroupChange } from './apply-group-change';
import { diffGroups, GroupChange } from './group-changes';
import { GroupPart } from './group-graph.types';
import { counter, InMemoryGrouping } from './testing/in-memory-graph';

const part = (...members: string[]): GroupPart => ({ members, name: `${members[0]} Co.` });

/** Diffs, then applies the events to the grouping, returning both. */
function run(before: InMemoryGrouping, component: string[], after: GroupPart[], nextId = counter('N')) {
  const changes = diffGroups(before, component, after, nextId);
  for (const change of changes) applyGroupChange(before.groupOfMap, before.membersMap, change);
  return { changes, groups: Object.fromEntries([...before.membersMap].sort()) };
}

describe('diffGroups', () => {
  it('forms a group from standalones', () => {
    const { changes, groups } = run(new InMemoryGrouping(), ['A', 'B', 'C'], [part('B', 'A')]);
    expect(changes).toEqual([{ type: 'GroupFormed', data: { groupId: 'N1', name: 'B Co.', members: ['A', 'B'] } }]);
    expect(groups).toEqual({ N1: ['A', 'B'] });
  });

  it('emits nothing, and draws no id, for an unchanged group', () => {
    const nextId = jest.fn(() => 'never');
    const { changes } = run(new InMemoryGrouping({ G1: ['A', 'B'] }), ['A', 'B', 'C'], [part('A', 'B')], nextId);
    expect(changes).toEqual([]);
    expect(nextId).not.toHaveBeenCalled();
  });

  it('lets a single standalone join an existing group', () => {
    const { changes, groups } = run(new InMemoryGrouping({ G1: ['A', 'B'] }), ['A', 'B', 'C'], [part('A', 'B', 'C')]);
    expect(changes).toEqual([{ type: 'GroupMemberJoined', data: { groupId: 'G1', customerId: 'C' } }]);
    expect(groups).toEqual({ G1: ['A', 'B', 'C'] });
  });

  it('lets several standalones join one by one, in id order', () => {
    const { changes } = run(new InMemoryGrouping({ G1: ['A', 'B'] }), ['A', 'B', 'C', 'D'], [part('D', 'A', 'B', 'C')]);
    expect(changes).toEqual([
      { type: 'GroupMemberJoined', data: { groupId: 'G1', customerId: 'C' } },
      { type: 'GroupMemberJoined', data: { groupId: 'G1', customerId: 'D' } },
    ]);
  });

  it('merges groups into the one with the larger reported limit', () => {
    const before = new InMemoryGrouping({ G1: ['A', 'B'], G2: ['C', 'D'] }, { G1: 100n, G2: 200n });
    const { changes, groups } = run(before, ['A', 'B', 'C', 'D'], [part('A', 'B', 'C', 'D')]);
    expect(changes).toEqual([
      // G2 survives and keeps its own name, not that of the merged part's head A.
      { type: 'GroupsMerged', data: { groupId: 'G2', name: 'G2 group', absorbedGroupIds: ['G1'], members: ['A', 'B', 'C', 'D'], joined: ['A', 'B'] } },
    ]);
    expect(groups).toEqual({ G2: ['A', 'B', 'C', 'D'] });
  });

  it('breaks a merge tie by the smaller id, compared as strings', () => {
    const before = new InMemoryGrouping({ G9: ['A', 'B'], G10: ['C', 'D'], G2: ['E', 'F'] }, { G9: 5n, G10: 5n, G2: 4n });
    const { changes } = run(before, ['A', 'B', 'C', 'D', 'E', 'F', 'X'], [part('A', 'B', 'C', 'D', 'E', 'F', 'X')]);
    expect(changes).toEqual([
      {
        type: 'GroupsMerged',
        data: { groupId: 'G10', name: 'G10 group', absorbedGroupIds: ['G2', 'G9'], members: ['A', 'B', 'C', 'D', 'E', 'F', 'X'], joined: ['A', 'B', 'E', 'F', 'X'] },
      },
    ]);
  });

  it('splits a group, keeping the id on the part with most of its members', () => {
    const before = new InMemoryGrouping({ G1: ['A', 'B', 'C', 'D', 'E'] });
    const { changes, groups } = run(before, ['A', 'B', 'C', 'D', 'E'], [part('A', 'B'), part('C', 'D', 'E')]);
    expect(changes).toEqual([
      {
        type: 'GroupSplit',
        data: { groupId: 'G1', remainingMembers: ['C', 'D', 'E'], newGroups: [{ groupId: 'N1', name: 'A Co.', members: ['A', 'B'] }], leftMembers: [] },
      },
    ]);
    expect(groups).toEqual({ G1: ['C', 'D', 'E'], N1: ['A', 'B'] });
  });

  it('keeps the id on the part holding the smallest member when parts tie', () => {
    const before = new InMemoryGrouping({ G1: ['A', 'B', 'C', 'D'] });
    const { changes } = run(before, ['A', 'B', 'C', 'D'], [part('D', 'B'), part('C', 'A')]);
    expect(changes).toEqual([
      {
        type: 'GroupSplit',
        data: { groupId: 'G1', remainingMembers: ['A', 'C'], newGroups: [{ groupId: 'N1', name: 'D Co.', members: ['B', 'D'] }], leftMembers: [] },
      },
    ]);
  });

  it('splits into several new groups and standalones, drawing ids in member order', () => {
    const before = new InMemoryGrouping({ G1: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'] });
    const after = [part('G', 'H'), part('A', 'B', 'C'), part('D', 'E')];
    const { changes, groups } = run(before, ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'], after);
    expect(changes).toEqual([
      {
        type: 'GroupSplit',
        data: {
          groupId: 'G1',
          remainingMembers: ['A', 'B', 'C'],
          newGroups: [
            { groupId: 'N1', name: 'D Co.', members: ['D', 'E'] },
            { groupId: 'N2', name: 'G Co.', members: ['G', 'H'] },
          ],
          leftMembers: ['F', 'I'],
        },
      },
    ]);
    expect(groups).toEqual({ G1: ['A', 'B', 'C'], N1: ['D', 'E'], N2: ['G', 'H'] });
  });

  it('lets a single member leave', () => {
    const { changes, groups } = run(new InMemoryGrouping({ G1: ['A', 'B', 'C'] }), ['A', 'B', 'C'], [part('A', 'B')]);
    expect(changes).toEqual([{ type: 'GroupMemberLeft', data: { groupId: 'G1', customerId: 'C' } }]);
    expect(groups).toEqual({ G1: ['A', 'B'] });
  });

  it('reports several members leaving at once as a split without new groups', () => {
    const { changes } = run(new InMemoryGrouping({ G1: ['A', 'B', 'C', 'D'] }), ['A', 'B', 'C', 'D'], [part('A', 'B')]);
    expect(changes).toEqual([
      { type: 'GroupSplit', data: { groupId: 'G1', remainingMembers: ['A', 'B'], newGroups: [], leftMembers: ['C', 'D'] } },
    ]);
  });

  it('dissolves a group that no longer has two members together', () => {
    const { changes, groups } = run(new InMemoryGrouping({ G1: ['A', 'B'] }), ['A', 'B'], []);
    expect(changes).toEqual([{ type: 'GroupDissolved', data: { groupId: 'G1', members: ['A', 'B'] } }]);
    expect(groups).toEqual({});
  });

  it('dissolves a group whose members scatter one by one into other groups', () => {
    // Only A stays with another group: one member cannot carry G1's id.
    const before = new InMemoryGrouping({ G1: ['A', 'B'], G2: ['C', 'D'] }, { G1: 900n, G2: 1n });
    const { changes, groups } = run(before, ['A', 'B', 'C', 'D'], [part('A', 'C', 'D')]);
    expect(changes).toEqual([
      { type: 'GroupDissolved', data: { groupId: 'G1', members: ['A', 'B'] } },
      { type: 'GroupMemberJoined', data: { groupId: 'G2', customerId: 'A' } },
    ]);
    expect(groups).toEqual({ G2: ['A', 'C', 'D'] });
  });

  it('handles a split and a merge at once (threshold change): departures first', () => {
    const before = new InMemoryGrouping({ G1: ['A', 'B', 'C', 'D'], G2: ['E', 'F'], G3: ['X', 'Y'] }, { G1: 10n, G2: 1n, G3: 5n });
    const after = [part('A', 'B'), part('C', 'D', 'E', 'F', 'X', 'Y')];
    const { changes, groups } = run(before, ['A', 'B', 'C', 'D', 'E', 'F', 'X', 'Y'], after);
    expect(changes).toEqual([
      { type: 'GroupSplit', data: { groupId: 'G1', remainingMembers: ['A', 'B'], newGroups: [], leftMembers: ['C', 'D'] } },
      {
        type: 'GroupsMerged',
        data: { groupId: 'G3', name: 'G3 group', absorbedGroupIds: ['G2'], members: ['C', 'D', 'E', 'F', 'X', 'Y'], joined: ['C', 'D', 'E', 'F'] },
      },
    ]);
    expect(groups).toEqual({ G1: ['A', 'B'], G3: ['C', 'D', 'E', 'F', 'X', 'Y'] });
  });

  it('re-forms scattered members into a fresh group after the old ones dissolve', () => {
    const before = new InMemoryGrouping({ G1: ['A', 'B'], G2: ['C', 'D'] });
    const { changes, groups } = run(before, ['A', 'B', 'C', 'D'], [part('A', 'C')]);
    expect(changes).toEqual([
      { type: 'GroupDissolved', data: { groupId: 'G1', members: ['A', 'B'] } },
      { type: 'GroupDissolved', data: { groupId: 'G2', members: ['C', 'D'] } },
      { type: 'GroupFormed', data: { groupId: 'N1', name: 'A Co.', members: ['A', 'C'] } },
    ]);
    expect(groups).toEqual({ N1: ['A', 'C'] });
  });

  it('orders departures by old id, then arrivals into existing groups by id, then formations', () => {
    const before = new InMemoryGrouping({ G2: ['A', 'B', 'C'], G1: ['P', 'Q', 'R'], G3: ['S', 'T'] });
    const after = [part('A', 'B'), part('P', 'Q', 'R', 'Z'), part('C', 'Y'), part('S', 'T', 'W')];
    const { changes } = run(before, ['A', 'B', 'C', 'P', 'Q', 'R', 'S', 'T', 'W', 'Y', 'Z'], after);
    expect(changes.map((c) => [c.type, c.data.groupId])).toEqual([
      ['GroupMemberLeft', 'G2'],
      ['GroupMemberJoined', 'G1'],
      ['GroupMemberJoined', 'G3'],
      ['GroupFormed', 'N1'],
    ]);
  });

  it('is deterministic whatever the input order', () => {
    const make = () => new InMemoryGrouping({ G1: ['A', 'B', 'C', 'D'], G2: ['E', 'F'] }, { G1: 1n, G2: 1n });
    const one = diffGroups(make(), ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], [part('C', 'D', 'E', 'F'), part('G', 'H')], counter('N'));
    const reversed = [
      { members: ['H', 'G'], name: 'G Co.' },
      { members: ['F', 'E', 'D', 'C'], name: 'C Co.' },
    ];
    const two = diffGroups(make(), ['H', 'G', 'F', 'E', 'D', 'C', 'B', 'A'], reversed, counter('N'));
    expect(two).toEqual(one);
  });

  it('refuses a component that cuts an old group', () => {
    expect(() => diffGroups(new InMemoryGrouping({ G1: ['A', 'B'] }), ['A'], [], counter())).toThrow(/not closed/);
  });
});

describe('applyGroupChange', () => {
  const state = () => new InMemoryGrouping({ G1: ['A', 'B', 'C'], G2: ['D', 'E'] });
  const apply = (s: InMemoryGrouping, change: GroupChange) => () => applyGroupChange(s.groupOfMap, s.membersMap, change);

  it('refuses events naming missing groups or customers already grouped', () => {
    const s = state();
    expect(apply(s, { type: 'GroupMemberJoined', data: { groupId: 'G9', customerId: 'X' } })).toThrow(/does not exist/);
    expect(apply(s, { type: 'GroupMemberJoined', data: { groupId: 'G1', customerId: 'D' } })).toThrow(/already in group/);
    expect(apply(s, { type: 'GroupFormed', data: { groupId: 'G3', name: 'x', members: ['A', 'X'] } })).toThrow(/already in group/);
  });

  it('refuses a group of fewer than two, and a split that is no partition', () => {
    const s = state();
    expect(apply(s, { type: 'GroupMemberLeft', data: { groupId: 'G2', customerId: 'D' } })).toThrow(/fewer than two/);
    expect(
      apply(s, { type: 'GroupSplit', data: { groupId: 'G1', remainingMembers: ['A', 'B'], newGroups: [], leftMembers: [] } }),
    ).toThrow(/partition/);
  });

  it('merges absorbed groups and standalones into the surviving id', () => {
    const s = state();
    apply(s, { type: 'GroupsMerged', data: { groupId: 'G2', name: 'x', absorbedGroupIds: ['G1'], members: ['A', 'B', 'C', 'D', 'E', 'X'] } })();
    expect(s.partition()).toEqual([['A', 'B', 'C', 'D', 'E', 'X']]);
    expect(s.groupOf('X')).toBe('G2');
    expect(s.membersMap.has('G1')).toBe(false);
  });
});
