import { List, Map as IMap, Set as ISet } from 'immutable';
import {
  BookState,
  CUSTOMER_KINDS,
  CbrcBasis,
  LARGE_EXPOSURE_BASES,
  REGIMES,
  LARGE_EXPOSURE_RATIO_SETTINGS,
  isOnBalance,
  Group,
  GroupLimit,
  GroupLimitStatus,
  BreachEntry,
  Limit,
  LimitStatus,
  Membership,
  PendingRenewal,
  OpenBreach,
  PolicyChange,
  PRODUCTS,
  RELATION_TYPES,
  Relation,
  RiskClass,
  sharedFen,
  Customers,
  Drawdowns,
  RegisteredTwice,
  BookedTwice,
  DrawdownColumns,
  Product,
  RowMap,
  TextColumn,
} from '@groupcap/domain';
import { ColumnReader, ColumnWriter, SnapshotFormatError } from './snapshot-columns';
import { Steps, runToEnd } from './in-slices';

export { SnapshotFormatError } from './snapshot-columns';

/**
 * BookState <-> the columns of a writer snapshot (snapshot-columns.ts), field by field in one fixed order. Every
 * collection is written in its own iteration order and rebuilt by inserting in that order, so the restored maps
 * iterate exactly like the originals (decisions that walk a map see the same order after a restart). Money is
 * whole fen, never a float. The per-customer indexes name their items by id and get the very objects of the
 * primary maps back, as evolve() shares them.
 *
 * Decoding trusts nothing: any field of the wrong type or value makes the whole snapshot unreadable, and the
 * writer replays the log instead. The two small, irregular parts (capital declarations, policy changes) travel
 * as one JSON text and are read with a JSON cursor.
 */
type Json = unknown;

const fen = (value: bigint): string => value.toString();

const LIMIT_STATUSES: readonly LimitStatus[] = ['pending', 'active', 'rejected', 'cancelled'];
const GROUP_LIMIT_STATUSES: readonly GroupLimitStatus[] = ['pending', 'active', 'rejected', 'cancelled'];
const RISK_CLASSES: readonly RiskClass[] = ['standard', 'low-risk'];
const BASES: readonly CbrcBasis[] = ['limit', 'exposure'];
const OFF_BALANCE_PRODUCTS = PRODUCTS.filter((p) => !isOnBalance(p));

/** The collections in the order they are written; the codec spec checks it names every field of BookState. */
export const ENCODED_FIELDS = [
  'capital', 'policyChanges', 'groupSeq', 'dates', 'groupingDates', 'filedReports', 'drawdowns',
  'customers', 'customerByCreditCode', 'relations', 'relationsByCustomer', 'economicTies', 'groupOf', 'groups', 'memberships', 'groupNames', 'everInGroup',
  'groupLimits', 'groupLimitsByGroup', 'limits', 'limitsByCustomer',
  'breaches', 'breachHistory', 'largeExposureBreaches', 'largeExposureBreachHistory',
] as const satisfies readonly (keyof BookState)[];

/**
 * Entries written between two pauses of encodeBookStateInSteps: a step is about a millisecond (2026-12-01: 3.6 ms for
 * 1,000 entries of the command book), so the writer's thread can go on deciding commands between them
 * (writer-snapshot.codec.ts, in-slices.ts).
 */
const ENTRIES_PER_STEP = 250;

/** A map's size, then each entry as `write` puts it, pausing every ENTRIES_PER_STEP. */
function* entriesInSteps<V>(w: ColumnWriter, map: Iterable<[string, V]> & { size: number }, write: (key: string, value: V) => void): Steps<void> {
  w.count(map.size);
  let n = 0;
  for (const [key, value] of map) {
    write(key, value);
    if (++n % ENTRIES_PER_STEP === 0) yield;
  }
}

/** The same, at once: for the small maps inside an entry (a subject's open breaches by basis). */
function entries<V>(w: ColumnWriter, map: Iterable<[string, V]> & { size: number }, write: (key: string, value: V) => void): void {
  runToEnd(entriesInSteps(w, map, write));
}

function strings(w: ColumnWriter, values: Iterable<string> & ({ size: number } | { length: number })): void {
  w.count('size' in values ? values.size : values.length);
  for (const v of values) w.str(v);
}

function renewal(w: ColumnWriter, r: PendingRenewal | null): void {
  w.flag(r !== null);
  if (r) {
    w.fen(r.amount);
    w.str(r.validTo);
    w.str(r.requestedBy);
  }
}

/** A limit's or a group limit's terms, each as it stood from a business date on (LimitVersion, GroupLimitVersion). */
interface Version<S extends string> {
  from: string;
  amount: bigint;
  validTo: string;
  status: S;
  requestedBy: string | null;
  pendingRenewal: PendingRenewal | null;
}

function versions(w: ColumnWriter, list: readonly Version<string>[]): void {
  w.count(list.length);
  for (const t of list) {
    w.str(t.from);
    w.fen(t.amount);
    w.str(t.validTo);
    w.str(t.status);
    w.nullableStr(t.requestedBy);
    renewal(w, t.pendingRenewal);
  }
}

function* breachBooks<B extends string>(
  w: ColumnWriter,
  open: IMap<string, IMap<B, OpenBreach>>,
  history: IMap<string, readonly BreachEntry<B>[]>,
): Steps<void> {
  yield* entriesInSteps(w, open, (key, byBasis) => {
    w.str(key);
    entries(w, byBasis, (basis, b) => {
      w.str(basis);
      w.fen(b.measure);
      w.fen(b.cap);
    });
  });
  yield* entriesInSteps(w, history, (key, list) => {
    w.str(key);
    w.count(list.length);
    for (const e of list) {
      w.str(e.basis);
      w.str(e.from);
      w.nullableFen(e.open && e.open.measure);
      if (e.open) w.fen(e.open.cap);
    }
  });
}

/**
 * The drawdowns and repayments as the columns they are held in (DrawdownColumns): the strings they name, then each
 * column whole, a step each (a column of 200,000 drawdowns is 1.6 MB to copy).
 */
function* drawdownsInSteps(w: ColumnWriter, c: DrawdownColumns): Steps<void> {
  w.count(c.strings.length);
  for (let i = 0; i < c.strings.length; i++) {
    w.str(c.strings[i]);
    if ((i + 1) % ENTRIES_PER_STEP === 0) yield;
  }
  w.units(c.idUnits);
  yield;
  for (const column of [c.idLengths, c.limit, c.customer, c.product, c.since]) {
    w.int32s(column);
    yield;
  }
  for (const column of [c.amount, c.margin, c.covered]) {
    w.int64s(column);
    yield;
  }
  w.int32s(c.repaidRow);
  w.int32s(c.repaidOn);
  w.int64s(c.repaid);
}

/** Names a step of customersInSteps copies: about a quarter of a megabyte of code units. */
const NAMES_PER_STEP = 16_384;

/**
 * The customers: their count, then their names as the runs of code units they are held in (TextColumn), a step each,
 * then the rest of each customer, in the order registered.
 */
function* customersInSteps(w: ColumnWriter, customers: Customers): Steps<void> {
  const n = customers.size;
  w.count(n);
  for (let from = 0; from < n; from += NAMES_PER_STEP) {
    const { lengths, units } = customers.names(from, Math.min(n, from + NAMES_PER_STEP));
    w.int32s(lengths);
    w.units(units);
    yield;
  }
  let i = 0;
  for (const c of customers.values()) {
    w.str(c.customerId);
    w.str(c.kind);
    w.nullableStr(c.creditCode);
    w.str(c.since);
    if (++i % ENTRIES_PER_STEP === 0) yield;
  }
}

/** The whole book at once (tests, tools): encodeBookStateInSteps run to its end. */
export function encodeBookState(state: BookState, w: ColumnWriter): void {
  runToEnd(encodeBookStateInSteps(state, w));
}

/**
 * Writes the book into `w`, pausing (yield) between steps of about ENTRIES_PER_STEP entries. The state is
 * immutable, so what is written is the book as it was when the encoding began, however many commands the writer
 * applies between two steps.
 */
export function* encodeBookStateInSteps(state: BookState, w: ColumnWriter): Steps<void> {
  w.str(
    JSON.stringify({
      capital: state.capital.map((d) => [d.asOf, fen(d.netCapital), d.tier1NetCapital === null ? null : fen(d.tier1NetCapital)]).toArray(),
      policyChanges: state.policyChanges
        .map((c) => ({ effectiveDate: c.effectiveDate, changes: { ...c.changes, ...(c.changes.escalationThreshold !== undefined && { escalationThreshold: fen(c.changes.escalationThreshold) }) } }))
        .toArray(),
    }),
  );
  w.integer(state.groupSeq);
  strings(w, state.dates);
  strings(w, state.groupingDates);
  strings(w, state.filedReports);
  // First: its columns are the restore's largest arrays outside the heap, and taking them while the heap is still
  // small keeps the collections they set off small (written last, each one marked the whole book).
  yield* drawdownsInSteps(w, state.drawdowns.columns());
  yield* customersInSteps(w, state.customers);
  yield* entriesInSteps(w, state.customerByCreditCode, (code, id) => {
    w.str(code);
    w.str(id);
  });
  yield* entriesInSteps(w, state.relations, (_, r) => {
    w.str(r.relationId);
    w.str(r.from);
    w.str(r.to);
    w.str(r.relationType);
    w.nullableStr(r.share);
    w.str(r.fromKind);
    w.str(r.toKind);
    w.str(r.since);
    w.nullableStr(r.until);
  });
  const byIds = <T>(map: Iterable<[string, readonly T[]]> & { size: number }, id: (item: T) => string) =>
    entriesInSteps(w, map, (key, list) => {
      w.str(key);
      w.count(list.length);
      for (const item of list) w.str(id(item));
    });
  yield* byIds(state.relationsByCustomer, (r) => r.relationId);
  yield* byIds(state.economicTies, (r) => r.relationId);
  yield* entriesInSteps(w, state.groupOf, (id, groupId) => {
    w.str(id);
    w.str(groupId);
  });
  yield* entriesInSteps(w, state.groups, (_, g) => {
    w.str(g.groupId);
    w.str(g.name);
    strings(w, g.members);
  });
  yield* entriesInSteps(w, state.memberships, (id, list) => {
    w.str(id);
    w.count(list.length);
    for (const m of list) {
      w.str(m.from);
      w.nullableStr(m.groupId);
    }
  });
  yield* entriesInSteps(w, state.groupNames, (id, name) => {
    w.str(id);
    w.str(name);
  });
  yield* entriesInSteps(w, state.everInGroup, (id, members) => {
    w.str(id);
    strings(w, members);
  });
  yield* entriesInSteps(w, state.groupLimits, (_, g) => {
    w.str(g.groupLimitId);
    w.fen(g.amount);
    w.str(g.validFrom);
    w.str(g.validTo);
    w.str(g.status);
    w.nullableStr(g.requestedBy);
    renewal(w, g.pendingRenewal);
    w.str(g.since);
    versions(w, g.terms);
    w.count(g.groups.length);
    for (const e of g.groups) {
      w.str(e.from);
      w.str(e.groupId);
    }
    strings(w, g.allocationIds);
  });
  yield* entriesInSteps(w, state.groupLimitsByGroup, (id, ids) => {
    w.str(id);
    strings(w, ids);
  });
  yield* entriesInSteps(w, state.limits, (_, l) => {
    w.str(l.limitId);
    w.str(l.customerId);
    w.fen(l.amount);
    w.str(l.validFrom);
    w.str(l.validTo);
    w.str(l.riskClass);
    w.nullableStr(l.branch);
    w.str(l.status);
    w.nullableStr(l.requestedBy);
    renewal(w, l.pendingRenewal);
    w.fen(l.outstanding);
    w.fen(l.exposure);
    w.str(l.since);
    versions(w, l.terms);
    w.nullableStr(l.groupLimitId);
  });
  yield* byIds(state.limitsByCustomer, (l) => l.limitId);
  yield* breachBooks(w, state.breaches, state.breachHistory);
  // The 2018 regime's breach books, in the same shape as the 2010 ones.
  yield* breachBooks(w, state.largeExposureBreaches, state.largeExposureBreachHistory);
}

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


/**
 * Builds a map in the snapshot's order, refusing a key written twice (a map cannot hold one): told by the size
 * at the end rather than by a lookup per entry.
 */
function mapOf<V>(r: ColumnReader, name: string, read: (key: string) => V): IMap<string, V> {
  r.where = `state.${name}`;
  r.item = null;
  const n = r.count();
  const map = IMap<string, V>().withMutations((m) => {
    for (let i = 0; i < n; i++) {
      r.item = i;
      const key = r.str();
      m.set(key, read(key));
    }
  });
  r.item = null;
  return map.size === n ? map : r.fail(`${n} distinct keys, got ${n - map.size} repeated`);
}

/** As mapOf, into a row map (row-map.ts): one log of one row per key, sized for the count. */
function rowMapOf<V>(r: ColumnReader, name: string, read: (key: string) => V): RowMap<V> {
  r.where = `state.${name}`;
  r.item = null;
  const n = r.count();
  const map = RowMap.built<V>(n, (set, i) => {
    r.item = i;
    const key = r.str();
    set(key, read(key));
  });
  r.item = null;
  return map.size === n ? map : r.fail(`${n} distinct keys, got ${n - map.size} repeated`);
}

/** The customers as customersInSteps() writes them, in the order registered, each once. */
function customersOf(r: ColumnReader): Customers {
  r.where = 'state.customers';
  const n = r.count();
  const names = new TextColumn();
  while (names.rows < n) {
    const lengths = r.int32s();
    const units = r.units();
    if (lengths.length === 0 || names.rows + lengths.length > n) r.fail(`the names of ${n} customers in runs`);
    try {
      names.appended(lengths, units);
    } catch (error) {
      if (error instanceof RangeError) r.fail(`runs of names that fit together: ${error.message}`);
      throw error;
    }
  }
  const customers = Customers.restored(names, (add, i) => {
    r.item = i;
    const customerId = r.str();
    try {
      add(customerId, r.oneOf(CUSTOMER_KINDS), r.nullableStr(), r.str());
    } catch (error) {
      // Told by the registration's own probe: a look-up first would probe the table twice per customer.
      if (error instanceof RegisteredTwice) r.fail(`customer ${customerId} once`);
      throw error;
    }
  });
  r.item = null;
  return customers;
}

/**
 * The drawdowns' columns as drawdownsInSteps() writes them, taken back a column at a time (Drawdowns.fromColumns
 * checks that they fit together); every product they name must be one.
 */
function drawdownsOf(r: ColumnReader): Drawdowns {
  r.where = 'state.drawdowns';
  const strings = listOf(r, () => r.str());
  const idUnits = r.units();
  const [idLengths, limit, customer, product, since] = [r.int32s(), r.int32s(), r.int32s(), r.int32s(), r.int32s()];
  const [amount, margin, covered] = [r.int64s(), r.int64s(), r.int64s()];
  const columns: DrawdownColumns = { strings, idUnits, idLengths, limit, customer, product, since, amount, margin, covered, repaidRow: r.int32s(), repaidOn: r.int32s(), repaid: r.int64s() };
  for (const place of new Set(product)) {
    if (!PRODUCTS.includes(strings[place] as Product)) r.fail(`one of ${PRODUCTS.join(', ')}, got ${JSON.stringify(strings[place])?.slice(0, 80)}`);
  }
  try {
    return Drawdowns.fromColumns(columns);
  } catch (error) {
    if (error instanceof BookedTwice) r.fail(`drawdown ${error.drawdownId} once`);
    if (error instanceof RangeError) r.fail(`columns that fit together: ${error.message}`);
    throw error;
  }
}

function listOf<T>(r: ColumnReader, read: () => T): T[] {
  const n = r.count();
  const list = new Array<T>(n);
  for (let i = 0; i < n; i++) list[i] = read();
  return list;
}

function renewalOf(r: ColumnReader): PendingRenewal | null {
  return r.flag() ? { amount: r.fen(), validTo: r.str(), requestedBy: r.str() } : null;
}

/** `amounts`: figures a version's amount is likely to equal (its limit's today), held as the same bigint when it does. */
function versionsOf<S extends string>(r: ColumnReader, statuses: readonly S[], ...amounts: bigint[]): Version<S>[] {
  return listOf(r, () => ({ from: r.str(), amount: sharedFen(r.fen(), ...amounts), validTo: r.str(), status: r.oneOf(statuses), requestedBy: r.nullableStr(), pendingRenewal: renewalOf(r) }));
}

/** Read in the order encodeBookState() writes a limit; its figures shared as an evolved limit's are (limit.evolve.ts). */
function limitOf(r: ColumnReader, limitId: string): Limit {
  const customerId = r.str();
  const amount = r.fen();
  const validFrom = r.str();
  const validTo = r.str();
  const riskClass = r.oneOf(RISK_CLASSES);
  const branch = r.nullableStr();
  const status = r.oneOf(LIMIT_STATUSES);
  const requestedBy = r.nullableStr();
  const pendingRenewal = renewalOf(r);
  const outstanding = sharedFen(r.fen(), 0n);
  const exposure = sharedFen(r.fen(), outstanding, 0n);
  const since = r.str();
  const terms = versionsOf(r, LIMIT_STATUSES, amount);
  const groupLimitId = r.nullableStr();
  return {
    limitId, customerId, amount, validFrom, validTo, riskClass, branch, status, requestedBy, pendingRenewal,
    outstanding, exposure, since, terms, groupLimitId,
  };
}

function breachBooksOf<B extends string>(r: ColumnReader, bases: readonly B[], names: [string, string]) {
  const open = mapOf<IMap<B, OpenBreach>>(r, names[0], () => {
    const n = r.count();
    return IMap<B, OpenBreach>().withMutations((byBasis) => {
      for (let i = 0; i < n; i++) byBasis.set(r.oneOf(bases), { measure: r.fen(), cap: r.fen() });
    });
  });
  const history = mapOf<readonly BreachEntry<B>[]>(r, names[1], () =>
    listOf(r, () => {
      const basis = r.oneOf(bases);
      const from = r.str();
      const measure = r.nullableFen();
      return { from, basis, open: measure === null ? null : { measure, cap: r.fen() } };
    }),
  );
  return { open, history };
}

function smallPartsOf(text: string): Pick<BookState, 'capital' | 'policyChanges'> {
  let json: Json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SnapshotFormatError(`capital and policy are not JSON: ${(error as Error).message}`);
  }
  const root = new Reader(json, 'state');
  return {
    capital: List(root.at('capital').items().map((d) => ({ asOf: d.at(0).string(), netCapital: d.at(1).fen(), tier1NetCapital: d.at(2).value === null ? null : d.at(2).fen() }))),
    policyChanges: List(
      root.at('policyChanges').items().map((c): PolicyChange => {
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
  };
}

export function decodeBookState(r: ColumnReader): BookState {
  r.where = 'state.capital and policy';
  const { capital, policyChanges } = smallPartsOf(r.str());
  r.where = 'state.groupSeq';
  const groupSeq = r.integer();
  r.where = 'state.dates';
  const dates = listOf(r, () => r.str());
  r.where = 'state.groupingDates';
  const groupingDates = listOf(r, () => r.str());
  r.where = 'state.filedReports';
  const filedReports = ISet(listOf(r, () => r.str()));
  const drawdowns = drawdownsOf(r);
  const customers = customersOf(r);
  const customerByCreditCode = rowMapOf<string>(r, 'customerByCreditCode', () => r.str());
  const relations = mapOf<Relation>(r, 'relations', (relationId) => ({
    relationId, from: r.str(), to: r.str(), relationType: r.oneOf(RELATION_TYPES), share: r.nullableStr(),
    fromKind: r.oneOf(CUSTOMER_KINDS), toKind: r.oneOf(CUSTOMER_KINDS), since: r.str(), until: r.nullableStr(),
  }));
  // The per-customer indexes hold the very objects of the primary maps, looked up by id.
  const itemsOf =
    <T>(byId: { get(id: string): T | undefined }) =>
    (): readonly T[] =>
      listOf(r, () => {
        const id = r.str();
        const item = byId.get(id);
        return item === undefined ? r.fail(`an id in the snapshot, got ${id}`) : item;
      });
  const relationsByCustomer = mapOf(r, 'relationsByCustomer', itemsOf(relations));
  const economicTies = mapOf(r, 'economicTies', itemsOf(relations));
  const groupOf = rowMapOf<string>(r, 'groupOf', () => r.str());
  const groups = rowMapOf<Group>(r, 'groups', (groupId) => ({ groupId, name: r.str(), members: ISet(listOf(r, () => r.str())) }));
  const memberships = rowMapOf<readonly Membership[]>(r, 'memberships', () => listOf(r, () => ({ from: r.str(), groupId: r.nullableStr() })));
  const groupNames = rowMapOf<string>(r, 'groupNames', () => r.str());
  const everInGroup = rowMapOf<readonly string[]>(r, 'everInGroup', () => listOf(r, () => r.str()));
  const groupLimits = mapOf<GroupLimit>(r, 'groupLimits', (groupLimitId) => ({
    groupLimitId,
    amount: r.fen(),
    validFrom: r.str(),
    validTo: r.str(),
    status: r.oneOf(GROUP_LIMIT_STATUSES),
    requestedBy: r.nullableStr(),
    pendingRenewal: renewalOf(r),
    since: r.str(),
    terms: versionsOf(r, GROUP_LIMIT_STATUSES),
    groups: listOf(r, () => ({ from: r.str(), groupId: r.str() })),
    allocationIds: listOf(r, () => r.str()),
  }));
  const groupLimitsByGroup = mapOf<ISet<string>>(r, 'groupLimitsByGroup', () => ISet(listOf(r, () => r.str())));
  const limits = rowMapOf<Limit>(r, 'limits', (limitId) => limitOf(r, limitId));
  const limitsByCustomer = rowMapOf(r, 'limitsByCustomer', itemsOf(limits));
  const cbrc = breachBooksOf(r, BASES, ['breaches', 'breachHistory']);
  const largeExposure = breachBooksOf(r, LARGE_EXPOSURE_BASES, ['largeExposureBreaches', 'largeExposureBreachHistory']);
  return {
    capital,
    policyChanges,
    customers,
    customerByCreditCode,
    relations,
    relationsByCustomer,
    economicTies,
    groupOf,
    groups,
    memberships,
    groupNames,
    everInGroup,
    groupSeq,
    limits,
    limitsByCustomer,
    drawdowns,
    breaches: cbrc.open,
    breachHistory: cbrc.history,
    largeExposureBreaches: largeExposure.open,
    largeExposureBreachHistory: largeExposure.history,
    dates,
    groupingDates,
    filedReports,
    groupLimits,
    groupLimitsByGroup,
  };
}
