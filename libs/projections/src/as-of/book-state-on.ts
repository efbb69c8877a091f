import { Map as IMap, Set as ISet } from 'immutable';
import { BookState, CustomerKind, Customers, Drawdowns, Fen, Group, Limit, Product, Relation, RelationType, RowMap, exposureLeft } from '@groupcap/domain';
import { AsOfBook } from './as-of-book';
import { ReadStatements, Scope, runScoped } from './as-of.queries';

/**
 * The whole domain BookState as it stood on the as-of book's date, for the domain's own functions that read
 * more than capital, policy and limits (the 2018 large-exposure measure: customer kinds, the relations in force
 * with their types, groups, every drawdown's product, outstanding and cash margin). It is built as the book
 * "today" of that date: only what was in force on it, every balance at the end of it, nothing later, so the
 * domain's readers take their current-book path and answer for the date (book-on-date.ts isCurrent).
 * A connected group joins clients across groups: a scope must hold every customer its readers reach (the as-of
 * book loaded with the same scope; see connectedScope() for a 2018 subject's), else it is the whole book.
 */
export function bookStateOn(q: ReadStatements, book: AsOfBook, scope: Scope = 'all'): BookState {
  const date = book.date;
  const registered = [...book.customers.values()].filter((row) => row.effective_date <= date);
  let customers = Customers.none;
  for (const row of registered) {
    customers = customers.registered({ customerId: row.customer_id, name: row.name, kind: row.kind as CustomerKind, creditCode: row.credit_code, since: row.effective_date });
  }

  let relations = IMap<string, Relation>();
  const relationsByCustomer = new Map<string, Relation[]>();
  // The economic-dependence ones again, apart: the domain's connected-group walk reads only those (book.state.ts).
  const economicTies = new Map<string, Relation[]>();
  for (const row of runScoped(q.relationsOn, { date }, scope)) {
    const from = customers.get(row.from_id);
    const to = customers.get(row.to_id);
    if (!from || !to) continue;
    const relation: Relation = {
      relationId: row.relation_id,
      from: row.from_id,
      to: row.to_id,
      relationType: row.relation_type as RelationType,
      share: row.share,
      fromKind: from.kind,
      toKind: to.kind,
      since: row.effective_date,
      until: null,
    };
    relations = relations.set(relation.relationId, relation);
    for (const end of [relation.from, relation.to]) {
      relationsByCustomer.set(end, [...(relationsByCustomer.get(end) ?? []), relation]);
      if (relation.relationType === 'economic-dependence') economicTies.set(end, [...(economicTies.get(end) ?? []), relation]);
    }
  }

  const groups = RowMap.of<Group>(
    [...book.members].map(([groupId, members]) => [groupId, { groupId, name: book.groupNames.get(groupId) ?? groupId, members: ISet(members) }]),
  );

  // Each drawdown as booked on its date with its outstanding at the end of the as-of date and no repayment after:
  // outstandingOn() of it is that figure on the date.
  let drawdowns = Drawdowns.none;
  const byLimit = new Map<string, { drawdownId: string; outstanding: Fen; exposure: Fen }[]>();
  for (const row of runScoped(q.drawdownsOn, { date }, scope)) {
    drawdowns = drawdowns.booked({
      drawdownId: row.drawdown_id,
      limitId: row.limit_id,
      customerId: row.customer_id,
      product: row.product as Product,
      amount: row.outstanding,
      margin: row.margin,
      covered: row.covered,
      since: row.booked_on,
    });
    const own = { drawdownId: row.drawdown_id, outstanding: row.outstanding, exposure: exposureLeft(row.outstanding, row.covered) };
    byLimit.set(row.limit_id, [...(byLimit.get(row.limit_id) ?? []), own]);
  }

  // The limits as the as-of fold left them (terms on the date), with their balances on the date.
  const withBalances = (limit: Limit): Limit => {
    const own = byLimit.get(limit.limitId) ?? [];
    return {
      ...limit,
      outstanding: own.reduce((sum, d) => sum + d.outstanding, 0n),
      exposure: own.reduce((sum, d) => sum + d.exposure, 0n),
    };
  };
  const limits = book.state.limits.map(withBalances);
  const limitsByCustomer = book.state.limitsByCustomer.map((list) => list.map((l) => limits.get(l.limitId) ?? withBalances(l)));

  return {
    ...book.state,
    customers,
    customerByCreditCode: RowMap.of(registered.flatMap((row) => (row.credit_code === null ? [] : [[row.credit_code, row.customer_id] as const]))),
    relations,
    relationsByCustomer: IMap(relationsByCustomer),
    economicTies: IMap(economicTies),
    groupOf: RowMap.of(book.groupOf),
    groups,
    groupNames: RowMap.of(book.groupNames),
    everInGroup: groups.map((g) => g.members.toArray()),
    limits,
    limitsByCustomer,
    drawdowns,
    // A declaration of a later asOf is folded too (it is the read of later dates); its date is not one of this book's.
    dates: book.state.dates.filter((d) => d <= date),
  };
}

/**
 * Every customer a 2018 subject made of these customers could reach on any date: the closure of "ever in the same
 * group" and "ever tied by economic dependence". The connected group on a date is found over the groups and ties
 * in force that day, a subset of these, so a book loaded with this scope answers for it as the whole book does.
 */
export function connectedScope(q: ReadStatements, customerIds: Iterable<string>): string[] {
  const reached = new Set(customerIds);
  let frontier = [...reached];
  while (frontier.length > 0) {
    const scope = JSON.stringify(frontier);
    const next = [
      ...q.economicallyTiedEver.all({ scope }).map((row) => row.customer_id),
      ...q.groupsEverOf.all({ scope }).flatMap((row) => q.customersEverIn.all(row.group_id).map((member) => member.customer_id)),
    ];
    frontier = [...new Set(next)].filter((customerId) => !reached.has(customerId));
    for (const customerId of frontier) reached.add(customerId);
  }
  return [...reached].sort();
}
