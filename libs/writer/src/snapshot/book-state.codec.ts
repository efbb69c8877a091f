import { List, Map as IMap, Set as ISet } from 'immutable';
import {
  BookState,
  CUSTOMER_KINDS,
  CbrcBasis,
  Customer,
  LARGE_EXPOSURE_BASES,
  REGIMES,
  LARGE_EXPOSURE_RATIO_SETTINGS,
  isOnBalance,
  Drawdown,
  Group,
  GroupLimit,
  GroupLimitRenewal,
  GroupLimitStatus,
  BreachEntry,
  Limit,
  LimitStatus,
  Membership,
  PendingRenewal,
  OpenBreach,
  PRODUCTS,
  RELATION_TYPES,
  Relation,
  RiskClass,
} from '@groupcap/domain';

/**
 * BookState <-> plain JSON for writer snapshots. Every collection is written in its own iteration order and
 * rebuilt by inserting in that order, so the restored maps iterate exactly like the originals (decisions that
 * walk a map see the same order after a restart). Money is a string of whole fen, never a float.
 *
 * Decoding trusts nothing: any field of the wrong type or value makes the whole snapshot unreadable, and the
 * writer replays the log instead.
 */
export class SnapshotFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SnapshotFormatError';
  }
}

type Json = unknown;

const fen = (value: bigint): string => value.toString();

export function encodeBookState(state: BookState): Json {
  return {
    capital: state.capital.map((d) => [d.asOf, fen(d.netCapital), d.tier1NetCapital === null ? null : fen(d.tier1NetCapital)]).toArray(),
    policyChanges: state.policyChanges
      .map((c) => ({ effectiveDate: c.effectiveDate, changes: { ...c.changes, ...(c.changes.escalationThreshold !== undefined && { escalationThreshold: fen(c.changes.escalationThreshold) }) } }))
      .toArray(),
    customers: [...state.customers.values()].map((c) => [c.customerId, c.name, c.kind, c.creditCode, c.since]),
    customerByCreditCode: [...state.customerByCreditCode],
    relations: [...state.relations.values()].map((r) => [r.relationId, r.from, r.to, r.relationType, r.share, r.fromKind, r.toKind, r.since, r.until]),
    relationsByCustomer: [...state.relationsByCustomer].map(([id, list]) => [id, list.map((r) => r.relationId)]),
    economicTies: [...state.economicTies].map(([id, list]) => [id, list.map((r) => r.relationId)]),
    groupOf: [...state.groupOf],
    groups: [...state.groups.values()].map((g) => [g.groupId, g.name, g.members.toArray()]),
    memberships: [...state.memberships].map(([id, list]) => [id, list.map((m) => [m.from, m.groupId])]),
    groupNames: [...state.groupNames],
    everInGroup: [...state.everInGroup].map(([id, members]) => [id, members.toArray()]),
    groupSeq: state.groupSeq,
    limits: [...state.limits.values()].map((l) => ({
      ...l,
      amount: fen(l.amount),
      outstanding: fen(l.outstanding),
      exposure: fen(l.exposure),
      pendingRenewal: l.pendingRenewal && renewalJson(l.pendingRenewal),
      terms: l.terms.map((t) => ({ ...t, amount: fen(t.amount), pendingRenewal: t.pendingRenewal && renewalJson(t.pendingRenewal) })),
      drawdownIds: l.drawdownIds.toArray(),
      groupLimitId: l.groupLimitId,
    })),
    limitsByCustomer: [...state.limitsByCustomer].map(([id, list]) => [id, list.map((l) => l.limitId)]),
    drawdowns: [...state.drawdowns.values()].map((d) => [
      d.drawdownId, d.limitId, d.customerId, d.product, fen(d.amount), fen(d.margin), fen(d.outstanding), fen(d.exposure), d.since, fen(d.covered),
      d.repayments.map((r) => [r.on, fen(r.amount)]),
    ]),
    breaches: [...state.breaches].map(([key, byBasis]) => [key, [...byBasis].map(([basis, b]) => [basis, fen(b.measure), fen(b.cap)])]),
    breachHistory: [...state.breachHistory].map(([key, list]) => [key, list.map((e) => [e.from, e.basis, e.open && fen(e.open.measure), e.open && fen(e.open.cap)])]),
    // The 2018 regime's breach books, in the same shape as the 2010 ones.
    largeExposureBreaches: [...state.largeExposureBreaches].map(([key, byBasis]) => [key, [...byBasis].map(([basis, b]) => [basis, fen(b.measure), fen(b.cap)])]),
    largeExposureBreachHistory: [...state.largeExposureBreachHistory].map(([key, list]) => [key, list.map((e) => [e.from, e.basis, e.open && fen(e.open.measure), e.open && fen(e.open.cap)])]),
    dates: [...state.dates],
    groupingDates: [...state.groupingDates],
    filedReports: state.filedReports.toArray(),
    // Group unified credit: the group limits, and the groups each ever belonged to.
    groupLimitsByGroup: [...state.groupLimitsByGroup].map(([id, ids]) => [id, ids.toArray()]),
    groupLimits: [...state.groupLimits.values()].map((g) => ({
      ...g,
      amount: fen(g.amount),
      pendingRenewal: g.pendingRenewal && renewalJson(g.pendingRenewal),
      terms: g.terms.map((t) => ({ ...t, amount: fen(t.amount), pendingRenewal: t.pendingRenewal && renewalJson(t.pendingRenewal) })),
    })),
  };
}

const renewalJson = (r: PendingRenewal) => ({ ...r, amount: fen(r.amount) });

const LIMIT_STATUSES: readonly LimitStatus[] = ['pending', 'active', 'rejected', 'cancelled'];
const GROUP_LIMIT_STATUSES: readonly GroupLimitStatus[] = ['pending', 'active', 'rejected', 'cancelled'];
const RISK_CLASSES: readonly RiskClass[] = ['standard', 'low-risk'];
const BASES: readonly CbrcBasis[] = ['limit', 'exposure'];
const OFF_BALANCE_PRODUCTS = PRODUCTS.filter((p) => !isOnBalance(p));

/** A cursor over untrusted JSON that names the path of the first thing wrong. */
class Reader {
  constructor(readonly value: Json, readonly path: string) {}

  private fail(expected: string): never {
    throw new SnapshotFormatError(`${this.path}: expected ${expected}, got ${JSON.stringify(this.value)?.slice(0, 80)}`);
  }

  at(key: string | number): Reader {
    if (typeof key === 'number') {
      if (!Array.isArray(this.value) || key >= this.value.length) this.fail(`an array with an element ${key}`);
      return new Reader(this.value[key], `${this.path}[${key}]`);
    }
    if (typeof this.value !== 'object' || this.value === null || Array.isArray(this.value) || !Object.prototype.hasOwnProperty.call(this.value, key)) {
      this.fail(`an object with "${key}"`);
    }
    return new Reader((this.value as Record<string, Json>)[key], `${this.path}.${key}`);
  }

  items(): Reader[] {
    if (!Array.isArray(this.value)) this.fail('an array');
    return this.value.map((v, i) => new Reader(v, `${this.path}[${i}]`));
  }

  string(): string {
    return typeof this.value === 'string' ? this.value : this.fail('a string');
  }

  nullableString(): string | null {
    return this.value === null ? null : this.string();
  }

  oneOf<T extends string>(allowed: readonly T[]): T {
    return allowed.includes(this.value as T) ? (this.value as T) : this.fail(`one of ${allowed.join(', ')}`);
  }

  integer(): number {
    return Number.isSafeInteger(this.value) ? (this.value as number) : this.fail('an integer');
  }

  fen(): bigint {
    return typeof this.value === 'string' && /^-?(0|[1-9]\d*)$/.test(this.value) ? BigInt(this.value) : this.fail('whole fen as a string of digits');
  }

  strings(): string[] {
    return this.items().map((r) => r.string());
  }
}

/** Builds a map in the snapshot's order, refusing a key written twice (a map cannot hold one). */
function mapOf<V>(entries: Reader, read: (item: Reader) => [string, V]): IMap<string, V> {
  return IMap<string, V>().withMutations((map) => {
    for (const item of entries.items()) {
      const [key, value] = read(item);
      if (map.has(key)) throw new SnapshotFormatError(`${item.path}: key ${key} repeated`);
      map.set(key, value);
    }
  });
}

function keyed<T>(key: string, value: T): [string, T] {
  return [key, value];
}

export function decodeBookState(json: Json): BookState {
  const root = new Reader(json, 'state');
  const customers = mapOf<Customer>(root.at('customers'), (c) => {
    const customer: Customer = { customerId: c.at(0).string(), name: c.at(1).string(), kind: c.at(2).oneOf(CUSTOMER_KINDS), creditCode: c.at(3).nullableString(), since: c.at(4).string() };
    return keyed(customer.customerId, customer);
  });
  const relations = mapOf<Relation>(root.at('relations'), (r) => {
    const relation: Relation = {
      relationId: r.at(0).string(), from: r.at(1).string(), to: r.at(2).string(), relationType: r.at(3).oneOf(RELATION_TYPES), share: r.at(4).nullableString(),
      fromKind: r.at(5).oneOf(CUSTOMER_KINDS), toKind: r.at(6).oneOf(CUSTOMER_KINDS), since: r.at(7).string(), until: r.at(8).nullableString(),
    };
    return keyed(relation.relationId, relation);
  });
  const renewalOf = (renewal: Reader): PendingRenewal | null =>
    renewal.value === null ? null : { amount: renewal.at('amount').fen(), validTo: renewal.at('validTo').string(), requestedBy: renewal.at('requestedBy').string() };
  const limits = mapOf<Limit>(root.at('limits'), (l) => {
    const limit: Limit = {
      limitId: l.at('limitId').string(),
      customerId: l.at('customerId').string(),
      amount: l.at('amount').fen(),
      validFrom: l.at('validFrom').string(),
      validTo: l.at('validTo').string(),
      riskClass: l.at('riskClass').oneOf(RISK_CLASSES),
      branch: l.at('branch').nullableString(),
      status: l.at('status').oneOf(LIMIT_STATUSES),
      requestedBy: l.at('requestedBy').nullableString(),
      pendingRenewal: renewalOf(l.at('pendingRenewal')),
      outstanding: l.at('outstanding').fen(),
      exposure: l.at('exposure').fen(),
      since: l.at('since').string(),
      terms: l.at('terms').items().map((t) => ({
        from: t.at('from').string(),
        amount: t.at('amount').fen(),
        validTo: t.at('validTo').string(),
        status: t.at('status').oneOf(LIMIT_STATUSES),
        requestedBy: t.at('requestedBy').nullableString(),
        pendingRenewal: renewalOf(t.at('pendingRenewal')),
      })),
      drawdownIds: List(l.at('drawdownIds').strings()),
      groupLimitId: l.at('groupLimitId').nullableString(),
    };
    return keyed(limit.limitId, limit);
  });
  const drawdowns = mapOf<Drawdown>(root.at('drawdowns'), (d) => {
    const drawdown: Drawdown = {
      drawdownId: d.at(0).string(),
      limitId: d.at(1).string(),
      customerId: d.at(2).string(),
      product: d.at(3).oneOf(PRODUCTS),
      amount: d.at(4).fen(),
      margin: d.at(5).fen(),
      outstanding: d.at(6).fen(),
      exposure: d.at(7).fen(),
      since: d.at(8).string(),
      covered: d.at(9).fen(),
      repayments: d.at(10).items().map((r) => ({ on: r.at(0).string(), amount: r.at(1).fen() })),
    };
    return keyed(drawdown.drawdownId, drawdown);
  });
  const groups = mapOf<Group>(root.at('groups'), (g) => keyed(g.at(0).string(), { groupId: g.at(0).string(), name: g.at(1).string(), members: ISet(g.at(2).strings()) }));
  // The per-customer indexes hold the very objects of the primary maps, looked up by id.
  const index = <T>(name: string, byId: IMap<string, T>) =>
    mapOf<readonly T[]>(root.at(name), (e) =>
      keyed(
        e.at(0).string(),
        e.at(1).strings().map((id) => {
          const item = byId.get(id);
          if (item === undefined) throw new SnapshotFormatError(`${name}: ${id} is not in the snapshot`);
          return item;
        }),
      ),
    );
  const breachesOf = <B extends string>(entries: Reader, bases: readonly B[]) =>
    mapOf<IMap<B, OpenBreach>>(entries, (e) => {
      const byBasis = IMap<B, OpenBreach>(e.at(1).items().map((b) => [b.at(0).oneOf(bases), { measure: b.at(1).fen(), cap: b.at(2).fen() }]));
      return keyed(e.at(0).string(), byBasis);
    });
  const historyOf = <B extends string>(entries: Reader, bases: readonly B[]) =>
    mapOf<readonly BreachEntry<B>[]>(entries, (e) =>
      keyed(
        e.at(0).string(),
        e.at(1).items().map((b) => ({
          from: b.at(0).string(),
          basis: b.at(1).oneOf(bases),
          open: b.at(2).value === null ? null : { measure: b.at(2).fen(), cap: b.at(3).fen() },
        })),
      ),
    );
  const breaches = breachesOf(root.at('breaches'), BASES);
  const breachHistory = historyOf(root.at('breachHistory'), BASES);
  const groupLimitRenewalOf = (renewal: Reader): GroupLimitRenewal | null => renewalOf(renewal);
  const groupLimits = mapOf<GroupLimit>(root.at('groupLimits'), (g) => {
    const groupLimit: GroupLimit = {
      groupLimitId: g.at('groupLimitId').string(),
      amount: g.at('amount').fen(),
      validFrom: g.at('validFrom').string(),
      validTo: g.at('validTo').string(),
      status: g.at('status').oneOf(GROUP_LIMIT_STATUSES),
      requestedBy: g.at('requestedBy').nullableString(),
      pendingRenewal: groupLimitRenewalOf(g.at('pendingRenewal')),
      since: g.at('since').string(),
      terms: g.at('terms').items().map((t) => ({
        from: t.at('from').string(),
        amount: t.at('amount').fen(),
        validTo: t.at('validTo').string(),
        status: t.at('status').oneOf(GROUP_LIMIT_STATUSES),
        requestedBy: t.at('requestedBy').nullableString(),
        pendingRenewal: groupLimitRenewalOf(t.at('pendingRenewal')),
      })),
      groups: g.at('groups').items().map((e) => ({ from: e.at('from').string(), groupId: e.at('groupId').string() })),
      allocationIds: g.at('allocationIds').strings(),
    };
    return keyed(groupLimit.groupLimitId, groupLimit);
  });
  const groupLimitsByGroup = mapOf<ISet<string>>(root.at('groupLimitsByGroup'), (e) => keyed(e.at(0).string(), ISet(e.at(1).strings())));
  return {
    capital: List(root.at('capital').items().map((d) => ({ asOf: d.at(0).string(), netCapital: d.at(1).fen(), tier1NetCapital: d.at(2).value === null ? null : d.at(2).fen() }))),
    policyChanges: List(
      root.at('policyChanges').items().map((c) => {
        const changes = c.at('changes');
        const has = (key: string) => typeof changes.value === 'object' && changes.value !== null && Object.prototype.hasOwnProperty.call(changes.value, key);
        return {
          effectiveDate: c.at('effectiveDate').string(),
          changes: {
            ...(has('groupCapRatio') && { groupCapRatio: changes.at('groupCapRatio').string() }),
            ...(has('singleCustomerCapRatio') && { singleCustomerCapRatio: changes.at('singleCustomerCapRatio').string() }),
            ...(has('escalationThreshold') && { escalationThreshold: changes.at('escalationThreshold').fen() }),
            ...(has('equityControlThreshold') && { equityControlThreshold: changes.at('equityControlThreshold').string() }),
            ...(has('regimes') && { regimes: changes.at('regimes').items().map((r) => r.oneOf(REGIMES)) }),
            ...Object.fromEntries(LARGE_EXPOSURE_RATIO_SETTINGS.filter(has).map((s) => [s, changes.at(s).string()])),
            ...(has('ccf') && { ccf: changes.at('ccf').items().map((c) => ({ product: c.at('product').oneOf(OFF_BALANCE_PRODUCTS), factor: c.at('factor').string() })) }),
          },
        };
      }),
    ),
    customers,
    customerByCreditCode: mapOf<string>(root.at('customerByCreditCode'), (e) => keyed(e.at(0).string(), e.at(1).string())),
    relations,
    relationsByCustomer: index('relationsByCustomer', relations),
    economicTies: index('economicTies', relations),
    groupOf: mapOf<string>(root.at('groupOf'), (e) => keyed(e.at(0).string(), e.at(1).string())),
    groups,
    memberships: mapOf<readonly Membership[]>(root.at('memberships'), (e) =>
      keyed(e.at(0).string(), e.at(1).items().map((m) => ({ from: m.at(0).string(), groupId: m.at(1).nullableString() }))),
    ),
    groupNames: mapOf<string>(root.at('groupNames'), (e) => keyed(e.at(0).string(), e.at(1).string())),
    everInGroup: mapOf<ISet<string>>(root.at('everInGroup'), (e) => keyed(e.at(0).string(), ISet(e.at(1).strings()))),
    groupSeq: root.at('groupSeq').integer(),
    limits,
    limitsByCustomer: index('limitsByCustomer', limits),
    drawdowns,
    breaches,
    breachHistory,
    largeExposureBreaches: breachesOf(root.at('largeExposureBreaches'), LARGE_EXPOSURE_BASES),
    largeExposureBreachHistory: historyOf(root.at('largeExposureBreachHistory'), LARGE_EXPOSURE_BASES),
    dates: root.at('dates').strings(),
    groupingDates: root.at('groupingDates').strings(),
    filedReports: ISet(root.at('filedReports').strings()),
    groupLimits,
    groupLimitsByGroup,
  };
}
