import Database from 'better-sqlite3';
import { BookEvent, parseMoney, regimeOf, subjectKey } from '@groupcap/domain';
import { EventMetadata } from '@groupcap/event-store';

/** What applyEvent needs of an insert: a better-sqlite3 Statement has it, and so has a rebuild's buffered insert. */
export interface RowInsert<P extends unknown[]> {
  run(...params: P): unknown;
}

/** What applyEvent needs of a look-up by key: a Statement, or a rebuild's map of the rows it wrote. */
export interface RowLookup<P extends unknown[], R> {
  get(...params: P): R | undefined;
}

export type DrawdownRow = { limit_id: string; customer_id: string; product: string };

/**
 * Every insert an event can make, by name: one row each, its parameters in the order of the VALUES list. A rebuild
 * prepares the same text with more rows per statement (rebuild-writes.ts), so it must end with that one VALUES list.
 */
export const INSERTS = {
  customer: 'INSERT INTO customers (customer_id, name, kind, credit_code, effective_date, position, folded_id, folded_name, folded_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  membership: 'INSERT INTO memberships (customer_id, position, effective_date, group_id, command_id) VALUES (?, ?, ?, ?, ?)',
  groupName: 'INSERT INTO group_names (group_id, position, effective_date, name) VALUES (?, ?, ?, ?)',
  limitEvent: 'INSERT INTO limit_events (position, limit_id, customer_id, effective_date, type, data) VALUES (?, ?, ?, ?, ?, ?)',
  // Group unified credit: group-limit events, and merges (which move a group limit to the survivor).
  groupLimitEvent: 'INSERT INTO group_limit_events (position, group_limit_id, effective_date, type, data) VALUES (?, ?, ?, ?, ?)',
  limit: 'INSERT INTO limits (limit_id, customer_id, branch) VALUES (?, ?, ?)',
  drawdown: 'INSERT INTO drawdowns (drawdown_id, limit_id, customer_id, product, covered, margin) VALUES (?, ?, ?, ?, ?, ?)',
  relationEvent:
    'INSERT INTO relation_events (position, relation_id, from_id, to_id, relation_type, share, removed, effective_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  movement:
    'INSERT INTO movements (position, drawdown_id, limit_id, customer_id, product, branch, effective_date, outstanding) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  setting: 'INSERT INTO settings_events (position, effective_date, type, data) VALUES (?, ?, ?, ?)',
  breach:
    'INSERT INTO breach_events (position, subject_key, regime, group_id, customer_id, connected_group_id, members, basis, breached, measure, cap, effective_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  // The first filing of a date stands: a filed report is immutable (domain.md section 5).
  filing: 'INSERT OR IGNORE INTO filed_reports (as_of, position, filed_at, filed_by, net_capital, rows) VALUES (?, ?, ?, ?, ?, ?)',
  // The first G14 filing of a date stands, as for the large-credit report.
  g14Filing: 'INSERT OR IGNORE INTO filed_large_exposure_reports (as_of, position, filed_at, filed_by, figures, rows) VALUES (?, ?, ?, ?, ?, ?)',
  // An event may name a customer twice (a split lists it as remaining and moving); one history entry is enough.
  touched: 'INSERT OR IGNORE INTO customer_events (customer_id, position) VALUES (?, ?)',
  // OR IGNORE: an event naming a group twice still gives one entry.
  aboutGroup: 'INSERT OR IGNORE INTO group_events (group_id, position, command_id) VALUES (?, ?, ?)',
} as const;

export type InsertName = keyof typeof INSERTS;

/** The parameters of each insert, in the order of its VALUES list. */
export interface InsertParams {
  customer: [string, string, string, string | null, string, bigint, string, string, string];
  membership: [string, bigint, string, string | null, string];
  groupName: [string, bigint, string, string];
  limitEvent: [bigint, string, string, string, string, string];
  groupLimitEvent: [bigint, string, string, string, string];
  limit: [string, string, string | null];
  drawdown: [string, string, string, string, bigint, bigint];
  relationEvent: [bigint, string, string, string, string, string | null, number, string];
  movement: [bigint, string, string, string, string, string | null, string, bigint];
  setting: [bigint, string, string, string];
  breach: [bigint, string, string, string | null, string | null, string | null, string | null, string, number, string, string, string];
  filing: [string, bigint, string, string, string | null, string];
  g14Filing: [string, bigint, string, string, string, string];
  touched: [string, bigint];
  aboutGroup: [string, bigint, string];
}

/** What an event writes and reads back: the inserts, and two look-ups of rows written earlier. */
export type WriteStatements = { [K in InsertName]: RowInsert<InsertParams[K]> } & {
  branchOf: RowLookup<[string], { branch: string | null }>;
  drawdownById: RowLookup<[string], DrawdownRow>;
};

export const SET_CHECKPOINT = 'UPDATE checkpoint SET position = ? WHERE id = 1';

/** The statements a batch of events runs, and its checkpoint; prepared once per database. */
export function prepareWrites(db: Database.Database): WriteStatements & { setCheckpoint: RowInsert<[bigint]> } {
  const inserts = Object.fromEntries(Object.entries(INSERTS).map(([name, sql]) => [name, db.prepare(sql)])) as unknown as { [K in InsertName]: RowInsert<InsertParams[K]> };
  return {
    ...inserts,
    setCheckpoint: db.prepare<[bigint]>(SET_CHECKPOINT),
    branchOf: db.prepare<[string], { branch: string | null }>('SELECT branch FROM limits WHERE limit_id = ?'),
    drawdownById: db.prepare<[string], DrawdownRow>('SELECT limit_id, customer_id, product FROM drawdowns WHERE drawdown_id = ?'),
  };
}

/** The business date an event's rows take effect from: its effectiveFrom, else its command's effective date. */
export function effectiveDateOf(event: BookEvent, metadata: EventMetadata): string {
  // Group and breach events restated by a back-dated command hold from their own date (domain.md section 1).
  return 'effectiveFrom' in event.data && event.data.effectiveFrom !== undefined ? event.data.effectiveFrom : metadata.effectiveDate;
}

/**
 * Writes what one event changed into the effective-dated tables. Runs inside the batch transaction that
 * also moves the checkpoint, and inserts (never upserts) log-positioned rows, so an event applied twice
 * fails loudly instead of doubling a balance.
 */
export function applyEvent(w: WriteStatements, event: BookEvent, position: bigint, metadata: EventMetadata): void {
  const date = effectiveDateOf(event, metadata);
  const touch = (...customerIds: string[]) => {
    for (const id of customerIds) w.touched.run(id, position);
  };
  const about = (...groupIds: string[]) => {
    for (const id of groupIds) w.aboutGroup.run(id, position, metadata.commandId);
  };
  const joinGroup = (groupId: string | null, members: readonly string[]) => {
    for (const customerId of members) w.membership.run(customerId, position, date, groupId, metadata.commandId);
    touch(...members);
  };
  switch (event.type) {
    case 'NetCapitalDeclared':
    case 'PolicyChanged':
      w.setting.run(position, date, event.type, JSON.stringify(event.data));
      return;
    case 'CustomerRegistered': {
      const { customerId, name, kind, creditCode } = event.data;
      w.customer.run(customerId, name, kind, creditCode, date, position, customerId.toLowerCase(), name.toLowerCase(), (creditCode ?? '').toLowerCase());
      touch(customerId);
      return;
    }
    case 'RelationRecorded':
    case 'RelationRemoved': {
      const { relationId, from, to, relationType } = event.data;
      const share = event.type === 'RelationRecorded' ? event.data.share : null;
      w.relationEvent.run(position, relationId, from, to, relationType, share, event.type === 'RelationRemoved' ? 1 : 0, date);
      touch(from, to);
      return;
    }
    case 'GroupFormed':
      w.groupName.run(event.data.groupId, position, date, event.data.name);
      joinGroup(event.data.groupId, event.data.members);
      about(event.data.groupId);
      return;
    case 'GroupsMerged':
      w.groupName.run(event.data.groupId, position, date, event.data.name);
      // Only those who joined move (logs older than `joined` list everyone); the survivor's members stay put.
      joinGroup(event.data.groupId, event.data.joined ?? event.data.members);
      touch(...event.data.members);
      about(event.data.groupId, ...event.data.absorbedGroupIds);
      // Without its members: as-of reads fold it with the group-limit events only to move group limits.
      w.groupLimitEvent.run(position, '', date, event.type, JSON.stringify({ ...event.data, members: [], joined: [] }));
      return;
    case 'GroupSplit':
      about(event.data.groupId, ...event.data.newGroups.map((g) => g.groupId));
      joinGroup(null, event.data.leftMembers);
      for (const g of event.data.newGroups) {
        w.groupName.run(g.groupId, position, date, g.name);
        joinGroup(g.groupId, g.members);
      }
      // Those who stay do not change group, but the split is part of their history.
      touch(...event.data.remainingMembers);
      return;
    case 'GroupMemberJoined':
      joinGroup(event.data.groupId, [event.data.customerId]);
      about(event.data.groupId);
      return;
    case 'GroupMemberLeft':
      joinGroup(null, [event.data.customerId]);
      about(event.data.groupId);
      return;
    case 'GroupDissolved':
      joinGroup(null, event.data.members);
      about(event.data.groupId);
      return;
    case 'LimitGranted':
    case 'LimitRequested':
      w.limit.run(event.data.limitId, event.data.customerId, event.data.branch);
      w.limitEvent.run(position, event.data.limitId, event.data.customerId, date, event.type, JSON.stringify(event.data));
      touch(event.data.customerId);
      return;
    case 'LimitRenewed':
    case 'LimitRenewalRequested':
    case 'LimitApproved':
    case 'LimitRejected':
    case 'LimitCancelled':
      w.limitEvent.run(position, event.data.limitId, event.data.customerId, date, event.type, JSON.stringify(event.data));
      touch(event.data.customerId);
      return;
    case 'DrawdownBooked': {
      const d = event.data;
      const amount = parseMoney(d.amount);
      const branch = w.branchOf.get(d.limitId)?.branch ?? null;
      w.drawdown.run(d.drawdownId, d.limitId, d.customerId, d.product, amount - parseMoney(d.exposure), parseMoney(d.margin));
      w.movement.run(position, d.drawdownId, d.limitId, d.customerId, d.product, branch, date, amount);
      touch(d.customerId);
      return;
    }
    case 'RepaymentBooked': {
      const d = event.data;
      touch(d.customerId);
      const drawdown = w.drawdownById.get(d.drawdownId);
      if (!drawdown) return;
      // The amount repaid, on its own date: sums up to any date stay exact whatever order repayments came in.
      const branch = w.branchOf.get(drawdown.limit_id)?.branch ?? null;
      w.movement.run(position, d.drawdownId, drawdown.limit_id, drawdown.customer_id, drawdown.product, branch, date, -parseMoney(d.amount));
      return;
    }
    case 'CapBreached':
    case 'CapBreachCured': {
      const d = event.data;
      const groupId = d.subjectType === 'group' ? d.groupId : null;
      const customerId = d.subjectType === 'customer' ? d.customerId : null;
      const connectedGroupId = d.subjectType === 'connected-group' ? d.connectedGroupId : null;
      const members = connectedGroupId !== null ? (d.members ?? [connectedGroupId]) : null;
      const breached = event.type === 'CapBreached' ? 1 : 0;
      w.breach.run(position, subjectKey(d), regimeOf(d), groupId, customerId, connectedGroupId, members && JSON.stringify(members), d.basis, breached, d.measure, d.cap, date);
      if (customerId !== null) touch(customerId);
      if (groupId !== null) about(groupId);
      // A connected group is no group of the book: its breach is part of each member's own history.
      if (members !== null) touch(...members);
      return;
    }
    case 'GroupLimitRequested':
    case 'GroupLimitApproved':
    case 'GroupLimitRejected':
    case 'GroupLimitRenewalRequested':
    case 'GroupLimitCancelled':
    case 'GroupLimitReallocated':
      w.groupLimitEvent.run(position, event.data.groupLimitId, date, event.type, JSON.stringify(event.data));
      about(event.data.groupId);
      if (event.type === 'GroupLimitReallocated') touch(event.data.fromCustomerId, event.data.toCustomerId);
      return;
    case 'LargeCreditReportFiled': {
      const { asOf, netCapital, rows } = event.data;
      w.filing.run(asOf, position, metadata.recordedAt, metadata.actor.userId, netCapital, JSON.stringify(rows));
      return;
    }
    case 'LargeExposureReportFiled': {
      const { asOf, rows, ...figures } = event.data;
      w.g14Filing.run(asOf, position, metadata.recordedAt, metadata.actor.userId, JSON.stringify(figures), JSON.stringify(rows));
      return;
    }
    default: {
      const unhandled: never = event;
      throw new Error(`no projection for event ${JSON.stringify(unhandled)}`);
    }
  }
}
