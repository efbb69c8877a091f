import { CustomerKind, GraphView, RelationType, RelationView } from '../group-graph.types';
import { GroupingBefore } from '../group-changes';

/** A mutable GraphView for tests and benches. */
export class InMemoryGraph implements GraphView {
  private readonly kinds = new Map<string, CustomerKind>();
  private readonly names = new Map<string, string>();
  private readonly relations = new Map<string, RelationView>();
  private readonly touching = new Map<string, Map<string, RelationView>>();
  private sequence = 0;

  customer(id: string, kind: CustomerKind = 'enterprise', name = `${id} Co.`): this {
    this.kinds.set(id, kind);
    this.names.set(id, name);
    return this;
  }

  enterprises(...ids: string[]): this {
    for (const id of ids) this.customer(id, 'enterprise');
    return this;
  }

  individuals(...ids: string[]): this {
    for (const id of ids) this.customer(id, 'individual', id);
    return this;
  }

  link(from: string, to: string, type: RelationType, share?: string, relationId = `R${++this.sequence}`): string {
    const relation: RelationView = share === undefined ? { relationId, from, to, type } : { relationId, from, to, type, share };
    this.relations.set(relationId, relation);
    for (const end of [from, to]) {
      let map = this.touching.get(end);
      if (!map) this.touching.set(end, (map = new Map()));
      map.set(relationId, relation);
    }
    return relationId;
  }

  equity(from: string, to: string, share: string): string {
    return this.link(from, to, 'equity', share);
  }

  unlink(relationId: string): RelationView {
    const relation = this.relations.get(relationId);
    if (!relation) throw new Error(`no relation ${relationId}`);
    this.relations.delete(relationId);
    this.touching.get(relation.from)?.delete(relationId);
    this.touching.get(relation.to)?.delete(relationId);
    return relation;
  }

  relation(relationId: string): RelationView | undefined {
    return this.relations.get(relationId);
  }

  customerIds(): string[] {
    return [...this.kinds.keys()];
  }

  relationIds(): string[] {
    return [...this.relations.keys()];
  }

  kindOf(customerId: string): CustomerKind | undefined {
    return this.kinds.get(customerId);
  }

  nameOf(customerId: string): string {
    return this.names.get(customerId) ?? customerId;
  }

  relationsOf(customerId: string): Iterable<RelationView> {
    return this.touching.get(customerId)?.values() ?? [];
  }
}

/** A grouping held in the two maps applyGroupChange maintains, with settable reported limits; group G is named "G group". */
export class InMemoryGrouping implements GroupingBefore {
  readonly groupOfMap = new Map<string, string>();
  readonly membersMap = new Map<string, string[]>();
  private readonly limitOf: (groupId: string) => bigint;

  constructor(groups: Record<string, string[]> = {}, limits: Record<string, bigint> | ((groupId: string) => bigint) = {}) {
    for (const [groupId, members] of Object.entries(groups)) {
      this.membersMap.set(groupId, [...members].sort());
      for (const m of members) this.groupOfMap.set(m, groupId);
    }
    this.limitOf = typeof limits === 'function' ? limits : (groupId) => limits[groupId] ?? 0n;
  }

  groupOf(customerId: string): string | undefined {
    return this.groupOfMap.get(customerId);
  }

  membersOf(groupId: string): readonly string[] {
    return this.membersMap.get(groupId) ?? [];
  }

  reportedLimitOf(groupId: string): bigint {
    return this.limitOf(groupId);
  }

  nameOf(groupId: string): string | undefined {
    return this.membersMap.has(groupId) ? `${groupId} group` : undefined;
  }

  /** Groups as sorted member lists, sorted: the partition without ids. */
  partition(): string[][] {
    return [...this.membersMap.values()].map((m) => [...m].sort()).sort(byFirst);
  }
}

export function byFirst(a: string[], b: string[]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

export function counter(prefix = 'G'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}
