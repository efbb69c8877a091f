import Database from 'better-sqlite3';
import type { CapBasis, Regime } from '@groupcap/domain';

/**
 * The read queries. SQL only selects and sums what is effective on or before a date; every business rule
 * (reported limit, carry-forward, caps, lead branch) is applied afterwards in TypeScript with the domain's
 * functions. Each customer-scoped query comes twice: for the whole book, and for a JSON array of customer ids.
 */
export interface CustomerRow {
  customer_id: string;
  name: string;
  kind: string;
  credit_code: string | null;
  effective_date: string;
}
export interface MembershipRow {
  customer_id: string;
  group_id: string | null;
}
export interface GroupNameRow {
  group_id: string;
  name: string;
}
export interface StoredEventRow {
  type: string;
  data: string;
  effective_date: string;
  /** Present where rows of two tables are folded together in log order (limit and group-limit events). */
  position?: bigint;
}
export interface BalanceRow {
  customer_id: string;
  limit_id: string;
  product: string;
  branch: string | null;
  outstanding: bigint;
  exposure: bigint;
}
export interface BranchBalanceRow {
  customer_id: string;
  branch: string;
  outstanding: bigint;
}
export interface BreachRow {
  subject_key: string;
  regime: Regime;
  group_id: string | null;
  customer_id: string | null;
  connected_group_id: string | null;
  /** A connected group's members when the event was recorded, as JSON. */
  members: string | null;
  basis: CapBasis;
  measure: string;
  cap: string;
  effective_date: string;
}
export interface FiledG14ReportRow {
  as_of: string;
  position: bigint;
  filed_at: string;
  filed_by: string;
  /** G14Figures as JSON (yuan). */
  figures: string;
  rows: string;
}
export interface RelationRow {
  relation_id: string;
  from_id: string;
  to_id: string;
  relation_type: string;
  share: string | null;
  effective_date: string;
}
export interface DrawdownOnRow {
  drawdown_id: string;
  limit_id: string;
  customer_id: string;
  product: string;
  covered: bigint;
  margin: bigint;
  /** What it had outstanding at the end of the date. */
  outstanding: bigint;
  booked_on: string;
}
export interface FiledReportRow {
  as_of: string;
  position: bigint;
  filed_at: string;
  filed_by: string;
  net_capital: string | null;
  rows: string;
}

const IN_SCOPE = 'customer_id IN (SELECT value FROM json_each(@scope))';
const RELATION_FROM_IN_SCOPE = 'from_id IN (SELECT value FROM json_each(@scope))';
const RELATION_TO_IN_SCOPE = 'to_id IN (SELECT value FROM json_each(@scope))';
/** A relation touches the scope when either end is in it. */
const RELATION_IN_SCOPE = `(${RELATION_FROM_IN_SCOPE} OR ${RELATION_TO_IN_SCOPE})`;

interface ScopedQuery<P extends object, R> {
  all: Database.Statement<[P], R>;
  some: Database.Statement<[P & { scope: string }], R>;
}

function scoped<P extends object, R>(db: Database.Database, sql: (filter: string) => string, inScope = IN_SCOPE): ScopedQuery<P, R> {
  return { all: db.prepare<[P], R>(sql('1 = 1')), some: db.prepare<[P & { scope: string }], R>(sql(inScope)) };
}

export type Scope = readonly string[] | 'all';

export function prepareReads(db: Database.Database) {
  const customers = scoped<object, CustomerRow>(
    db,
    (filter) => `SELECT customer_id, name, kind, credit_code, effective_date FROM customers WHERE ${filter}`,
  );
  // The latest-dated membership row effective on or before the date (ties: the later in the log). A back-dated
  // relation change restates every later date on which grouping changed, so the latest date always carries the
  // verdict over the relations in force then (domain.md section 1; back-dated-order.spec.ts).
  const memberships = scoped<{ date: string }, MembershipRow>(
    db,
    (filter) => `
      SELECT customer_id, group_id FROM (
        SELECT customer_id, group_id, ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY effective_date DESC, position DESC) AS rn
        FROM memberships WHERE effective_date <= @date AND ${filter}
      ) WHERE rn = 1`,
  );
  // In log order, like the write model: a command on a limit cannot be dated before the limit's last change,
  // so log order is also date order for each limit.
  const limitEvents = scoped<{ date: string }, StoredEventRow>(
    db,
    (filter) => `SELECT type, data, effective_date, position FROM limit_events WHERE effective_date <= @date AND ${filter} ORDER BY position`,
  );
  // Each drawdown's outstanding on the date, then its exposure: what is outstanding beyond its cover.
  const balances = scoped<{ date: string }, BalanceRow>(
    db,
    (filter) => `
      SELECT t.customer_id, t.limit_id, t.product, t.branch, SUM(t.outstanding) AS outstanding, SUM(MAX(0, t.outstanding - d.covered)) AS exposure
      FROM (
        SELECT drawdown_id, customer_id, limit_id, product, branch, SUM(outstanding) AS outstanding
        FROM movements WHERE effective_date <= @date AND ${filter}
        GROUP BY drawdown_id
      ) t JOIN drawdowns d ON d.drawdown_id = t.drawdown_id
      GROUP BY t.customer_id, t.limit_id, t.product, t.branch`,
  );
  const branchBalances = scoped<{ date: string }, BranchBalanceRow>(
    db,
    (filter) => `
      SELECT customer_id, branch, SUM(outstanding) AS outstanding
      FROM movements WHERE effective_date <= @date AND branch IS NOT NULL AND ${filter}
      GROUP BY customer_id, branch`,
  );
  // The relations in force on the date: each relation's latest event effective on or before it, unless a removal.
  // effective_date is the date the relation has been in force since: its latest recording's (a relation removed and
  // recorded again is in force from the second recording). Scoped: the relations touching a customer of the scope.
  const relationsOn = scoped<{ date: string }, RelationRow>(
    db,
    (filter) => `
      SELECT r.relation_id, r.from_id, r.to_id, r.relation_type, r.share, recorded.effective_date FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY relation_id ORDER BY effective_date DESC, position DESC) AS rn
        FROM relation_events WHERE effective_date <= @date AND ${filter}
      ) r JOIN (
        SELECT relation_id, MAX(effective_date) AS effective_date FROM relation_events
        WHERE removed = 0 AND effective_date <= @date AND ${filter} GROUP BY relation_id
      ) recorded ON recorded.relation_id = r.relation_id
      WHERE r.rn = 1 AND r.removed = 0
      ORDER BY r.relation_id`,
    RELATION_IN_SCOPE,
  );
  // Every drawdown booked on or before the date, with what it had outstanding then (repaid ones too: zero).
  const drawdownsOn = scoped<{ date: string }, DrawdownOnRow>(
    db,
    (filter) => `
      SELECT d.drawdown_id, d.limit_id, d.customer_id, d.product, d.covered, d.margin,
             SUM(m.outstanding) AS outstanding,
             MIN(CASE WHEN m.outstanding > 0 THEN m.effective_date END) AS booked_on
      FROM movements m JOIN drawdowns d ON d.drawdown_id = m.drawdown_id
      WHERE m.effective_date <= @date AND ${filter}
      GROUP BY d.drawdown_id
      HAVING booked_on IS NOT NULL
      ORDER BY d.drawdown_id`,
    `m.${IN_SCOPE}`,
  );
  return {
    customers,
    memberships,
    limitEvents,
    balances,
    branchBalances,
    relationsOn,
    drawdownsOn,
    // Everyone ever tied to the scope's customers by economic dependence, whatever the dates: a superset of the ties
    // on any date (the 2018 connected groups, connected-groups.ts).
    economicallyTiedEver: db.prepare<{ scope: string }, { customer_id: string }>(`
      SELECT to_id AS customer_id FROM relation_events
      WHERE relation_type = 'economic-dependence' AND ${RELATION_FROM_IN_SCOPE}
      UNION
      SELECT from_id FROM relation_events
      WHERE relation_type = 'economic-dependence' AND ${RELATION_TO_IN_SCOPE}`),
    // Customers with a limit request (a grant or a renewal) not approved or rejected by a later event, as of the date:
    // every customer with a limit awaiting a decision then, and a few more (a request whose limit was cancelled). The
    // requests by their own index; the answers through the customer's events.
    awaitingDecision: db.prepare<{ date: string }, { customer_id: string }>(
      `SELECT DISTINCT r.customer_id FROM limit_events r INDEXED BY limit_events_requests
       WHERE r.type IN ('LimitRequested', 'LimitRenewalRequested') AND r.effective_date <= @date
         AND NOT EXISTS (
           SELECT 1 FROM limit_events d
           WHERE d.customer_id = r.customer_id AND d.position > r.position AND d.limit_id = r.limit_id
             AND d.type IN ('LimitApproved', 'LimitRejected') AND d.effective_date <= @date)`,
    ),
    // Every group a customer of the scope was ever in.
    groupsEverOf: db.prepare<{ scope: string }, { group_id: string }>(
      `SELECT DISTINCT group_id FROM memberships WHERE group_id IS NOT NULL AND ${IN_SCOPE}`,
    ),
    // A limit's drawdowns booked on or before the date: the booking (the positive movement), what is outstanding then.
    // Found through the limit's customer (movements_by_customer): filtered by the limit and the date alone, SQLite
    // walked every movement up to the date, the whole book's, on every read of one limit.
    drawdownsOfLimit: db.prepare<
      { limitId: string; customerId: string; date: string },
      { drawdown_id: string; product: string; covered: bigint; amount: bigint; outstanding: bigint; booked_on: string }
    >(`
      SELECT d.drawdown_id, d.product, d.covered,
             SUM(CASE WHEN m.outstanding > 0 THEN m.outstanding ELSE 0 END) AS amount,
             SUM(m.outstanding) AS outstanding,
             MIN(CASE WHEN m.outstanding > 0 THEN m.effective_date END) AS booked_on
      FROM movements m JOIN drawdowns d ON d.drawdown_id = m.drawdown_id
      WHERE m.customer_id = @customerId AND m.limit_id = @limitId AND m.effective_date <= @date
      GROUP BY d.drawdown_id
      HAVING amount > 0
      ORDER BY booked_on, d.drawdown_id`),
    limitOwner: db.prepare<[string], { customer_id: string }>('SELECT customer_id FROM limits WHERE limit_id = ?'),
    customersEverIn: db.prepare<[string], { customer_id: string }>('SELECT DISTINCT customer_id FROM memberships WHERE group_id = ?'),
    // A group's name as of the date; failing that (a back-dated join into a group named later) its latest name.
    groupNames: db.prepare<{ date: string }, GroupNameRow>(`
      SELECT group_id, name FROM (
        SELECT group_id, name, ROW_NUMBER() OVER (PARTITION BY group_id ORDER BY (effective_date <= @date) DESC, position DESC) AS rn
        FROM group_names
      ) WHERE rn = 1`),
    groupName: db.prepare<{ date: string; groupId: string }, GroupNameRow>(`
      SELECT group_id, name FROM group_names WHERE group_id = @groupId
      ORDER BY (effective_date <= @date) DESC, position DESC LIMIT 1`),
    // Net capital declarations apply from their own asOf, whenever recorded; policy changes from their effective
    // date. Log order here only breaks ties: the domain's evolve files each change under its effective date and
    // policyOn() folds them by (effective date, log order), applying only the settings each one changed.
    settings: db.prepare<{ date: string }, StoredEventRow>(
      "SELECT type, data, effective_date FROM settings_events WHERE type = 'NetCapitalDeclared' OR effective_date <= @date ORDER BY position",
    ),
    openBreaches: db.prepare<{ date: string }, BreachRow>(`
      SELECT subject_key, regime, group_id, customer_id, connected_group_id, members, basis, measure, cap, effective_date FROM (
        SELECT *, ROW_NUMBER() OVER (PARTITION BY subject_key, basis ORDER BY effective_date DESC, position DESC) AS rn
        FROM breach_events WHERE effective_date <= @date
      ) WHERE rn = 1 AND breached = 1
      ORDER BY effective_date, subject_key, basis`),
    // A page of the customers list and one row more (whether another page follows): registered by the date, after the
    // cursor's id, the search (folded by toLowerCase) in the id, the name or the credit code as folded when applied.
    // In id order: SQLite compares text by its UTF-8 bytes, which order as compareIds' UTF-16 code units do for every
    // id an id may be (ASCII).
    customersPage: db.prepare<{ date: string; after: string; needle: string; limit: number }, CustomerRow>(`
      SELECT customer_id, name, kind, credit_code, effective_date FROM customers
      WHERE customer_id > @after AND effective_date <= @date
        AND (@needle = '' OR instr(folded_id, @needle) > 0 OR instr(folded_name, @needle) > 0 OR instr(folded_code, @needle) > 0)
      ORDER BY customer_id LIMIT @limit`),
    filedReport: db.prepare<[string], FiledReportRow>('SELECT * FROM filed_reports WHERE as_of = ?'),
    filedG14Report: db.prepare<[string], FiledG14ReportRow>('SELECT * FROM filed_large_exposure_reports WHERE as_of = ?'),
    // The customer's own events, and those about each group it belonged to while it belonged to it: membership
    // spans in log order, from the event that put it in to the command that took it out (whose later events,
    // such as the cure its departure caused, are about the group it just left).
    historyOf: db.prepare<{ customerId: string }, { position: bigint }>(`
      WITH spans AS (
        SELECT group_id, position AS start,
               LEAD(position) OVER (ORDER BY position) AS stop,
               LEAD(command_id) OVER (ORDER BY position) AS stop_command
        FROM memberships WHERE customer_id = @customerId
      )
      SELECT position FROM customer_events WHERE customer_id = @customerId
      UNION
      SELECT e.position FROM spans s JOIN group_events e ON e.group_id = s.group_id
      WHERE e.position >= s.start AND (s.stop IS NULL OR e.position < s.stop OR e.command_id = s.stop_command)
      ORDER BY position`),
    checkpoint: db.prepare<[], { position: bigint | null }>('SELECT position FROM checkpoint WHERE id = 1'),
    // Group unified credit: every group-limit event and merge effective by the date, whatever the scope (they are few),
    // folded in log order with the limit events (a reallocation changes two limits; a merge moves a group limit).
    // The customers allocated under a group limit: the scope of its view.
    allocatedCustomers: db.prepare<[string], { customer_id: string }>(
      "SELECT DISTINCT customer_id FROM limit_events WHERE type = 'LimitGranted' AND json_extract(data, '$.groupLimitId') = ?",
    ),
    groupLimitEvents: db.prepare<{ date: string }, StoredEventRow>(
      'SELECT type, data, effective_date, position FROM group_limit_events WHERE effective_date <= @date ORDER BY position',
    ),
  };
}

export type ReadStatements = ReturnType<typeof prepareReads>;

/** Runs the whole-book or the scoped variant of a query. */
export function runScoped<P extends object, R>(query: ScopedQuery<P, R>, params: P, scope: Scope): R[] {
  return scope === 'all' ? query.all.all(params) : query.some.all({ ...params, scope: JSON.stringify(scope) });
}
