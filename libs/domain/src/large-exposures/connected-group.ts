import { BookState } from '../book/book.state';
import { groupOn, inForce, isCurrent, membersOn } from '../book/book-on-date';
import { BusinessDate } from '../shared/business-date';
import { compareIds } from '../groups/id-order';
import { ConnectedGroupSubject } from '../caps/cap.events';

/**
 * Connected clients of the 2018 measure (domain.md section 8): a group client's members on the date (section 1)
 * plus clients tied by an `economic-dependence` relation in force on the date, closed transitively. A sovereign is
 * exempt and joins nothing; economic dependence never makes a group client (groups/ ignores it).
 */

/**
 * The connected group of a client on the date, sorted by id: the client alone when nothing connects it.
 * Local: a breadth-first walk over each reached client's group members and economic-dependence neighbours,
 * never the whole book.
 */
export function connectedClientsOn(state: BookState, customerId: string, date: BusinessDate): string[] {
  if (!isCurrent(state, date)) return walk(state, customerId, date);
  // Today, who is connected depends only on group membership, economic ties and customers: remembered while those
  // three are the same objects (drawdowns and repayments, the hot path, change none of them). A pure function's
  // memo: it changes no answer, only the time taken.
  if (today.groupOf !== state.groupOf || today.economicTies !== state.economicTies || today.customers !== state.customers) {
    today = { groupOf: state.groupOf, economicTies: state.economicTies, customers: state.customers, byClient: new Map() };
  }
  let members = today.byClient.get(customerId);
  if (!members) {
    members = walk(state, customerId, date);
    for (const m of members) today.byClient.set(m, members);
  }
  return members;
}

let today: Pick<BookState, 'groupOf' | 'economicTies' | 'customers'> & { byClient: Map<string, string[]> } = {
  groupOf: undefined as never,
  economicTies: undefined as never,
  customers: undefined as never,
  byClient: new Map(),
};

function walk(state: BookState, customerId: string, date: BusinessDate): string[] {
  const seen = new Set<string>([customerId]);
  if (state.customers.get(customerId)?.kind === 'sovereign') return [customerId];
  const queue = [customerId];
  const reach = (id: string) => {
    if (seen.has(id) || state.customers.get(id)?.kind === 'sovereign') return;
    seen.add(id);
    queue.push(id);
  };
  // Each group client is expanded once: its members all lead back to it.
  const expanded = new Set<string>();
  for (let k = 0; k < queue.length; k++) {
    const id = queue[k];
    const groupId = groupOn(state, id, date);
    if (groupId !== undefined && !expanded.has(groupId)) {
      expanded.add(groupId);
      for (const member of membersOn(state, groupId, date)) reach(member);
    }
    for (const r of state.economicTies.get(id) ?? []) {
      if (inForce(r, date)) reach(r.from === id ? r.to : r.from);
    }
  }
  return [...seen].sort(compareIds);
}

/** The connected group a client belongs to on the date, or undefined when it stands alone then. */
export function connectedGroupOf(state: BookState, customerId: string, date: BusinessDate): { subject: ConnectedGroupSubject; members: string[] } | undefined {
  const members = connectedClientsOn(state, customerId, date);
  if (members.length < 2) return undefined;
  return { subject: { subjectType: 'connected-group', connectedGroupId: members[0] }, members };
}

/**
 * The members of the connected group anchored at `connectedGroupId` on the date, or undefined when no such group
 * exists then (the anchor stands alone, or is no longer the smallest id of its connected group).
 */
export function connectedGroupMembersOn(state: BookState, connectedGroupId: string, date: BusinessDate): string[] | undefined {
  if (!state.customers.has(connectedGroupId)) return undefined;
  const members = connectedClientsOn(state, connectedGroupId, date);
  return members.length >= 2 && members[0] === connectedGroupId ? members : undefined;
}

/** Every connected group on the date (each with two or more clients), in anchor order: for reports, O(book). */
export function connectedGroupsOn(state: BookState, date: BusinessDate): { subject: ConnectedGroupSubject; members: string[] }[] {
  const placed = new Set<string>();
  const out: { subject: ConnectedGroupSubject; members: string[] }[] = [];
  for (const customer of state.customers.values()) {
    if (placed.has(customer.customerId) || customer.since > date) continue;
    const members = connectedClientsOn(state, customer.customerId, date);
    for (const m of members) placed.add(m);
    if (members.length >= 2) out.push({ subject: { subjectType: 'connected-group', connectedGroupId: members[0] }, members });
  }
  return out.sort((a, b) => compareIds(a.subject.connectedGroupId, b.subject.connectedGroupId));
}
