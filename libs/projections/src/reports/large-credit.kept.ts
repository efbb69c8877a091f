import Database from 'better-sqlite3';
import { BusinessDate, Fen, FiledReportRow, netCapitalOn, rankOrder } from '@groupcap/domain';
import { AsOfBook, everInGroup, loadAsOfBook, loadSettings } from '../as-of/as-of-book';
import { ReadStatements, runScoped } from '../as-of/as-of.queries';
import { ReportMember } from '../large-credit.port';
import { KeepingSteps, KeptDates, ReadTransactions } from '../as-of/kept-dates';
import { isQuarterEnd } from '../as-of/quarter';
import { KEPT_REPORT_ROWS } from '../projection/read-model.db';
import { membersOnDate } from './large-credit.members';
import { ReportSubject, UnrankedRow, largeCreditRows, rankedRows, reportSubjects, unrankedRow } from './large-credit.rows';

/** The current rows of the report on a date, and what the report shows beside them. */
export interface CurrentLargeCreditRows {
  netCapital: Fen | undefined;
  rows: FiledReportRow[];
  /** A group's members on the date (any group: a filed row's group may have no current row). */
  membersOf: (groupId: string) => ReportMember[];
  creditCodeOf: (customerId: string) => string | null;
}

/** The current rows computed from the whole book as of the date. */
export function currentRowsOfBook(book: AsOfBook): CurrentLargeCreditRows {
  const { netCapital, rows } = largeCreditRows(book);
  return { netCapital, rows, membersOf: (groupId) => membersOnDate(book, groupId), creditCodeOf: (customerId) => book.customers.get(customerId)?.credit_code ?? null };
}

/** A kept row's members as stored: [customer id, name, credit code], by customer id; a standalone customer alone. */
type StoredMember = [customerId: string, name: string, creditCode: string | null];

/** A subject's row as computed, before it is stored. */
interface KeptEntry {
  key: string;
  entry: UnrankedRow;
  members: StoredMember[];
}

/**
 * A row as stored: its values without keys, in the row's field order, then its members (about a third of the
 * JSON to parse, one string per row, and one object built per row instead of a parsed one copied with its rank),
 * then the comprehensive limit's fen as digits (what it is ranked by, exactly).
 */
type KeptRow = [
  subjectType: FiledReportRow['subjectType'],
  groupId: string | null,
  customerId: string | null,
  name: string,
  memberCount: number,
  comprehensiveLimit: string,
  onBalance: string,
  offBalance: string,
  outstanding: string,
  exposure: string,
  ratio: string | null,
  carriedForward: boolean,
  leadBranch: string | null,
  inBreach: boolean,
  members: StoredMember[],
  fen: string,
];

function storedRow(entry: UnrankedRow, members: StoredMember[]): string {
  const { row } = entry;
  const values: KeptRow = [
    row.subjectType,
    row.groupId,
    row.customerId,
    row.name,
    row.memberCount,
    row.comprehensiveLimit,
    row.onBalance,
    row.offBalance,
    row.outstanding,
    row.exposure,
    row.ratio,
    row.carriedForward,
    row.leadBranch,
    row.inBreach,
    members,
    entry.comprehensiveLimit.toString(),
  ];
  return JSON.stringify(values);
}

/** The row with its rank first, its fields in the order unrankedRow gives them: the same JSON as the whole-book path. */
function rankedRow(rank: number, v: KeptRow): FiledReportRow {
  return {
    rank,
    subjectType: v[0],
    groupId: v[1],
    customerId: v[2],
    name: v[3],
    memberCount: v[4],
    comprehensiveLimit: v[5],
    onBalance: v[6],
    offBalance: v[7],
    outstanding: v[8],
    exposure: v[9],
    ratio: v[10],
    carriedForward: v[11],
    leadBranch: v[12],
    inBreach: v[13],
  };
}

function prepare(db: Database.Database) {
  return {
    // The date's rows joined by commas, made one JSON array in JS: one string and one parse instead of 100,000 of
    // each (a fifth less time at a bank's scale). Nothing else is done per row in SQL: cutting and appending to each
    // row there took as long as the join. The fen stay exact (BigInt of the digits).
    rowsOf: db.prepare<[string], string | null>(`SELECT group_concat(row, ',') FROM kept_report_rows WHERE as_of = ?`).pluck(true),
    putRow: db.prepare<[string, string, string]>('INSERT OR REPLACE INTO kept_report_rows (as_of, subject_key, row) VALUES (?, ?, ?)'),
    deleteRow: db.prepare<[string, string]>('DELETE FROM kept_report_rows WHERE as_of = ? AND subject_key = ?'),
  };
}

/**
 * The large-credit report's rows kept per quarter end, so that asking for a filed date does not load the whole
 * book each time, and for the business date, which the dashboard's overview asks for (as-of/kept-dates.ts: kept on
 * the first ask, marked stale by the projection in the transaction applying each event, a stale customer's subject
 * recomputed from a book loaded for it alone on the next ask). The rows of an ask are those of the whole-book path.
 */
export class KeptLargeCreditRows {
  private readonly s: ReturnType<typeof prepare>;
  readonly dates: KeptDates;

  constructor(
    db: Database.Database,
    private readonly reads: ReadStatements,
  ) {
    this.s = prepare(db);
    this.dates = new KeptDates(db, KEPT_REPORT_ROWS);
  }

  /**
   * Runs `read`, in a read transaction, with the date's current rows: kept, brought up to date (as-of/kept-dates.ts
   * read); else those computed anew, or from the whole book. Outside any transaction: it runs its own.
   */
  withRows<T>(date: BusinessDate, wholeBook: () => AsOfBook, tx: ReadTransactions, read: (rows: CurrentLargeCreditRows) => T): T {
    return this.dates.read(date, tx, this.steps(date, wholeBook), (upToDate, computed) =>
      read(upToDate ? this.read(date) : (computed?.rows ?? currentRowsOfBook(wholeBook()))),
    );
  }

  /** Brings the date's rows up to date for the keeping thread (keeping.worker.ts): a date computed elsewhere is left to it. */
  keep(date: BusinessDate, wholeBook: () => AsOfBook, tx: ReadTransactions): void {
    this.dates.upToDate(date, tx, this.steps(date, wholeBook), 'leave');
  }

  private steps(date: BusinessDate, wholeBook: () => AsOfBook): KeepingSteps<{ rows: CurrentLargeCreditRows; kept: KeptEntry[] }> {
    return {
      compute: () => this.compute(wholeBook()),
      put: ({ kept }) => {
        // Every quarter end asked stays kept; of the other dates, the one asked last (the business date) only. A quarter
        // end asked leaves the business date kept: forgotten, the dashboard's next ask would measure the whole book.
        if (!isQuarterEnd(date)) {
          for (const other of this.dates.keptDates()) if (other !== date && !isQuarterEnd(other)) this.dates.forget(other);
        }
        for (const { key, entry, members } of kept) this.s.putRow.run(date, key, storedRow(entry, members));
      },
      refresh: (stale) => this.refresh(date, stale),
    };
  }

  private compute(book: AsOfBook): { rows: CurrentLargeCreditRows; kept: KeptEntry[] } {
    const date = book.date;
    const netCapital = netCapitalOn(book.state, date);
    const kept: KeptEntry[] = [];
    for (const [key, subject] of reportSubjects(book)) {
      const entry = unrankedRow(book, subject, netCapital);
      if (entry) kept.push({ key, entry, members: storedMembers(book, subject) });
    }
    const rows: CurrentLargeCreditRows = {
      netCapital,
      rows: rankedRows(kept.map(({ entry }) => entry)),
      membersOf: (groupId) => membersOnDate(book, groupId),
      creditCodeOf: (customerId) => book.customers.get(customerId)?.credit_code ?? null,
    };
    return { rows, kept };
  }

  /**
   * Recomputes the subjects of the stale customers on the date: each one's group then (loaded with everyone ever
   * in it, a superset of its members on the date) or the customer alone. Memberships cannot have changed since
   * the date was kept (that drops it), so these are the only subjects the marked events can have changed.
   */
  private refresh(date: BusinessDate, stale: readonly string[]): void {
    const groupOf = new Map(runScoped(this.reads.memberships, { date }, stale).map((row) => [row.customer_id, row.group_id]));
    const targets = new Set<string>();
    const scope = new Set<string>();
    for (const customerId of stale) {
      const groupId = groupOf.get(customerId) ?? null;
      if (groupId === null) {
        targets.add(`customer:${customerId}`);
        scope.add(customerId);
      } else if (!targets.has(`group:${groupId}`)) {
        targets.add(`group:${groupId}`);
        for (const member of everInGroup(this.reads, groupId)) scope.add(member);
      }
    }
    const book = loadAsOfBook(this.reads, date, [...scope]);
    // Only the targets: a customer of the scope in another group on the date would give that group partly.
    const subjects = reportSubjects(book);
    const netCapital = netCapitalOn(book.state, date);
    for (const key of targets) {
      const subject = subjects.get(key);
      const entry = subject && unrankedRow(book, subject, netCapital);
      if (subject && entry) this.s.putRow.run(date, key, storedRow(entry, storedMembers(book, subject)));
      else this.s.deleteRow.run(date, key);
    }
    this.dates.clearStale(date);
  }

  /** The kept rows of the date: in the read transaction of withRows. */
  private read(date: BusinessDate): CurrentLargeCreditRows {
    const kept = JSON.parse(`[${this.s.rowsOf.get(date) ?? ''}]`) as KeptRow[];
    // Ranked through indexes and built once in rank order: every object made here is one of the answer's or of
    // the parse, because at a bank's scale collecting the copies cost as much as parsing the rows.
    const order = rankOrder(
      kept.map((values) => BigInt(values[15])),
      kept.map((values) => (values[1] ?? values[2]) as string),
    );
    const rows: FiledReportRow[] = [];
    for (const index of order) rows.push(rankedRow(rows.length + 1, kept[index]));
    const membersByGroup = new Map<string, StoredMember[]>();
    const creditCodes = new Map<string, string | null>();
    for (const values of kept) {
      const groupId = values[1];
      if (groupId !== null) membersByGroup.set(groupId, values[14]);
      else creditCodes.set(values[2] as string, values[14][0][2]);
    }
    return {
      netCapital: netCapitalOn(loadSettings(this.reads, date), date),
      rows,
      membersOf: (groupId) => {
        const members = membersByGroup.get(groupId);
        // A group with no current row (a filed row's): loaded for it alone.
        if (members === undefined) return membersOnDate(loadAsOfBook(this.reads, date, everInGroup(this.reads, groupId)), groupId);
        return members.map(([customerId, name, creditCode]) => ({ groupId, customerId, name, creditCode }));
      },
      creditCodeOf: (customerId) => {
        const code = creditCodes.get(customerId);
        if (code !== undefined) return code;
        return runScoped(this.reads.customers, {}, [customerId])[0]?.credit_code ?? null;
      },
    };
  }
}

/** The members of a row as kept: a group's members on the date (as membersOnDate lists them), or the customer. */
function storedMembers(book: AsOfBook, { subject }: ReportSubject): StoredMember[] {
  if (subject.subjectType === 'group') return membersOnDate(book, subject.groupId).map((m) => [m.customerId, m.name, m.creditCode]);
  const customer = book.customers.get(subject.customerId);
  return [[subject.customerId, customer?.name ?? subject.customerId, customer?.credit_code ?? null]];
}
