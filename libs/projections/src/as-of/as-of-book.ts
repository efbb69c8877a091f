import { BookEvent, BookState, BusinessDate, Fen, Product, evolveOn, initialBookState } from '@groupcap/domain';
import { CustomerRow, ReadStatements, Scope, StoredEventRow, runScoped } from './as-of.queries';
import { previousQuarterEnd } from './quarter';

/** Nominal outstanding and exposure of one limit's drawdowns of one product. */
export interface ProductBalance {
  outstanding: Fen;
  exposure: Fen;
}

export interface LimitBalance {
  limitId: string;
  customerId: string;
  branch: string | null;
  outstanding: Fen;
  exposure: Fen;
  byProduct: Map<Product, ProductBalance>;
}

/**
 * The part of the book a read needs, as of one business date: everything effective on or before it, each
 * table's rows taken in log order. Loaded for the whole book (reports, lists) or for a few customers.
 */
export interface AsOfBook {
  date: BusinessDate;
  /** Capital, policy and the limits (terms, status, pending renewal) folded by the domain's own evolve. */
  state: BookState;
  customers: Map<string, CustomerRow>;
  /** Customers in a group on the date; absent = standalone. */
  groupOf: Map<string, string>;
  members: Map<string, string[]>;
  groupNames: Map<string, string>;
  balancesByCustomer: Map<string, LimitBalance[]>;
  /** Nominal outstanding per customer and branch at the end of the previous quarter (lead branch). */
  branchesAtQuarterEnd: Map<string, Map<string, Fen>>;
}

function fold(state: BookState, rows: readonly StoredEventRow[]): BookState {
  // Stored rows are today's shape (the projection upcast them before writing); each is evolved with its own
  // effective date, as the writer does, so the policy in force on a date follows the domain's policyOn().
  return rows.reduce((s, row) => evolveOn(row.effective_date)(s, { type: row.type, data: JSON.parse(row.data) } as BookEvent), state);
}

/** Two position-ordered lists of rows merged into one in log order. */
function inLogOrder(a: readonly StoredEventRow[], b: readonly StoredEventRow[]): StoredEventRow[] {
  if (b.length === 0) return [...a];
  const out: StoredEventRow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && (a[i].position as bigint) < (b[j].position as bigint))) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}

/** Capital and policy as of the date: the base of every cap. */
export function loadSettings(q: ReadStatements, date: BusinessDate): BookState {
  return fold(initialBookState, q.settings.all({ date }));
}

export function loadAsOfBook(q: ReadStatements, date: BusinessDate, scope: Scope): AsOfBook {
  const customers = new Map(runScoped(q.customers, {}, scope).map((row) => [row.customer_id, row]));

  const groupOf = new Map<string, string>();
  const members = new Map<string, string[]>();
  for (const row of runScoped(q.memberships, { date }, scope)) {
    if (row.group_id === null) continue;
    groupOf.set(row.customer_id, row.group_id);
    const list = members.get(row.group_id);
    if (list) list.push(row.customer_id);
    else members.set(row.group_id, [row.customer_id]);
  }
  for (const list of members.values()) list.sort();
  const names =
    scope === 'all'
      ? q.groupNames.all({ date })
      : [...members.keys()].flatMap((groupId) => q.groupName.all({ date, groupId }));
  const groupNames = new Map(names.map((row) => [row.group_id, row.name]));

  const state = fold(loadSettings(q, date), inLogOrder(runScoped(q.limitEvents, { date }, scope), q.groupLimitEvents.all({ date })));

  const limitBalances = new Map<string, LimitBalance>();
  for (const row of runScoped(q.balances, { date }, scope)) {
    let balance = limitBalances.get(row.limit_id);
    if (!balance) {
      balance = { limitId: row.limit_id, customerId: row.customer_id, branch: row.branch, outstanding: 0n, exposure: 0n, byProduct: new Map() };
      limitBalances.set(row.limit_id, balance);
    }
    balance.outstanding += row.outstanding;
    balance.exposure += row.exposure;
    balance.byProduct.set(row.product as Product, { outstanding: row.outstanding, exposure: row.exposure });
  }
  const balancesByCustomer = new Map<string, LimitBalance[]>();
  for (const balance of limitBalances.values()) {
    const list = balancesByCustomer.get(balance.customerId);
    if (list) list.push(balance);
    else balancesByCustomer.set(balance.customerId, [balance]);
  }

  const branchesAtQuarterEnd = new Map<string, Map<string, Fen>>();
  for (const row of runScoped(q.branchBalances, { date: previousQuarterEnd(date) }, scope)) {
    const branches = branchesAtQuarterEnd.get(row.customer_id) ?? new Map<string, Fen>();
    branches.set(row.branch, row.outstanding);
    branchesAtQuarterEnd.set(row.customer_id, branches);
  }

  return { date, state, customers, groupOf, members, groupNames, balancesByCustomer, branchesAtQuarterEnd };
}

/** The customers that were ever in the group: a superset of its members on any date. */
export function everInGroup(q: ReadStatements, groupId: string): string[] {
  return q.customersEverIn.all(groupId).map((row) => row.customer_id);
}

/** The customers and everyone ever in a group with one of them: a book loaded for these holds each one's group whole, on any date. */
export function withTheirGroups(q: ReadStatements, customerIds: readonly string[]): string[] {
  const scope = new Set(customerIds);
  for (const { group_id } of q.groupsEverOf.all({ scope: JSON.stringify(customerIds) })) for (const member of everInGroup(q, group_id)) scope.add(member);
  return [...scope];
}
