import fc from 'fast-check';
import { applyGroupChange } from './apply-group-change';
import { diffGroups, GroupChange } from './group-changes';
import { affectedComponent, identifyGroups } from './group-graph';
import { CustomerKind, RelationType } from './group-graph.types';
import { byFirst, InMemoryGraph, InMemoryGrouping } from './testing/in-memory-graph';

/**
 * Incremental regrouping must agree with identification from scratch: after every link, unlink or
 * threshold change, applying diffGroups' events over the affected component alone gives the partition
 * identifyGroups finds over the whole graph, and no unchanged group is touched.
 */
const CUSTOMERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
const KINDS: CustomerKind[] = ['enterprise', 'enterprise', 'enterprise', 'enterprise', 'financial-institution', 'individual', 'individual', 'state-asset-regulator'];
const TYPES: RelationType[] = [
  'equity', 'equity', 'equity', 'equity', 'equity', 'voting', 'board', 'agreement', 'consolidation', 'family', 'family',
  'significant-influence', 'management', 'guarantee', 'deemed-group',
];
const SHARES = ['0.1', '0.2', '0.25', '0.3', '0.5', '0.51', '0.6', '1'];
const THRESHOLDS = ['0.5', '0.3', '0.6'];

type Op =
  | { op: 'link'; from: number; to: number; type: RelationType; share: string }
  | { op: 'unlink'; pick: number }
  | { op: 'threshold'; value: string };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('link' as const),
      from: fc.nat(CUSTOMERS.length - 1),
      to: fc.nat(CUSTOMERS.length - 1),
      type: fc.constantFrom(...TYPES),
      share: fc.constantFrom(...SHARES),
    }),
  },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('unlink' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('threshold' as const), value: fc.constantFrom(...THRESHOLDS) }) },
);

const groupIdsIn = (change: GroupChange): string[] => {
  switch (change.type) {
    case 'GroupsMerged':
      return [change.data.groupId, ...change.data.absorbedGroupIds];
    case 'GroupSplit':
      return [change.data.groupId, ...change.data.newGroups.map((g) => g.groupId)];
    default:
      return [change.data.groupId];
  }
};

describe('incremental group identification (property)', () => {
  it('matches identification from scratch after every change', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...KINDS), { minLength: CUSTOMERS.length, maxLength: CUSTOMERS.length }),
        fc.array(fc.bigInt({ min: 0n, max: 3n }), { minLength: 1, maxLength: 5 }),
        fc.array(opArb, { minLength: 20, maxLength: 60 }),
        (kinds, limits, ops) => {
          const graph = new InMemoryGraph();
          CUSTOMERS.forEach((id, i) => graph.customer(id, kinds[i]));
          // Few distinct limits, so merges often tie and fall back to the smaller id.
          const grouping = new InMemoryGrouping({}, (groupId) => limits[Number(groupId.slice(1)) % limits.length]);
          let threshold = '0.5';
          let issued = 0;

          for (const op of ops) {
            let component: Set<string>;
            if (op.op === 'threshold') {
              threshold = op.value;
              component = new Set(graph.customerIds());
            } else if (op.op === 'link') {
              if (op.from === op.to) continue;
              const [from, to] = [CUSTOMERS[op.from], CUSTOMERS[op.to]];
              // Only links the decider accepts: nobody holds or controls a natural person, and family
              // ties natural persons (relation.decide.ts refuses the rest as INVALID_RELATION).
              const holding = ['equity', 'voting', 'board', 'agreement', 'consolidation'].includes(op.type);
              if (holding && kinds[op.to] === 'individual') continue;
              if (op.type === 'family' && (kinds[op.from] !== 'individual' || kinds[op.to] !== 'individual')) continue;
              graph.link(from, to, op.type, op.type === 'equity' ? op.share : undefined);
              component = affectedComponent(graph, [from, to]);
            } else {
              const ids = graph.relationIds();
              if (ids.length === 0) continue;
              const relationId = ids[op.pick % ids.length];
              const { from, to } = graph.relation(relationId)!;
              const seeds = [from, to];
              // An unlink can cut the component in two: take it before and after.
              const beforeUnlink = affectedComponent(graph, seeds);
              graph.unlink(relationId);
              component = new Set([...beforeUnlink, ...affectedComponent(graph, seeds)]);
            }

            const after = identifyGroups(graph, component, threshold);
            const startAt = issued;
            const nextId = (): string => `G${++issued}`;
            const changes = diffGroups(grouping, component, after, nextId);

            let replayIssued = startAt;
            expect(diffGroups(grouping, [...component].reverse(), [...after].reverse(), () => `G${++replayIssued}`)).toEqual(changes);

            const unchanged = [...grouping.membersMap]
              .filter(([, members]) => after.some((p) => p.members.join() === members.join()))
              .map(([id]) => id);
            const touched = new Set(changes.flatMap(groupIdsIn));
            for (const id of unchanged) expect(touched.has(id)).toBe(false);

            for (const change of changes) applyGroupChange(grouping.groupOfMap, grouping.membersMap, change);

            const fromScratch = identifyGroups(graph, graph.customerIds(), threshold);
            expect(grouping.partition()).toEqual(fromScratch.map((p) => p.members).sort(byFirst));
            for (const part of after) expect(fromScratch).toContainEqual(part);
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
