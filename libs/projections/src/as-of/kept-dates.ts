import Database from 'better-sqlite3';
import { BookEvent, BusinessDate } from '@groupcap/domain';
import { keptEffect } from './kept-effect';

/**
 * The tables of one kind of rows kept per date: the dates kept, the rows (any columns, keyed by `as_of` first), and
 * the customers marked stale on a date. Names are the schema's own (read-model.db.ts), never a client's.
 */
export interface KeptTables {
  dates: string;
  rows: string;
  stale: string;
}

/** More stale customers than this share of a date's rows and the whole date is computed again instead. */
const STALE_SHARE_FOR_WHOLE = 10;

function prepare(db: Database.Database, t: KeptTables) {
  return {
    keptDates: db.prepare<[], { as_of: string }>(`SELECT as_of FROM ${t.dates}`),
    isKept: db.prepare<[string], { as_of: string }>(`SELECT as_of FROM ${t.dates} WHERE as_of = ?`),
    keepDate: db.prepare<[string]>(`INSERT INTO ${t.dates} (as_of) VALUES (?)`),
    rowCount: db.prepare<[string], { n: bigint }>(`SELECT COUNT(*) AS n FROM ${t.rows} WHERE as_of = ?`),
    staleOf: db.prepare<[string], { customer_id: string }>(`SELECT customer_id FROM ${t.stale} WHERE as_of = ?`),
    // Only dates actually kept get a mark: the in-memory list of dates is a superset.
    markStale: db.prepare<{ customerId: string; from: string }>(
      `INSERT OR IGNORE INTO ${t.stale} (as_of, customer_id) SELECT as_of, @customerId FROM ${t.dates} WHERE as_of >= @from`,
    ),
    dropRows: db.prepare<[string]>(`DELETE FROM ${t.rows} WHERE as_of >= ?`),
    dropStale: db.prepare<[string]>(`DELETE FROM ${t.stale} WHERE as_of >= ?`),
    dropDates: db.prepare<[string]>(`DELETE FROM ${t.dates} WHERE as_of >= ?`),
    clearRows: db.prepare<[string]>(`DELETE FROM ${t.rows} WHERE as_of = ?`),
    clearStale: db.prepare<[string]>(`DELETE FROM ${t.stale} WHERE as_of = ?`),
    clearDate: db.prepare<[string]>(`DELETE FROM ${t.dates} WHERE as_of = ?`),
  };
}

/**
 * Which dates of one kind of kept rows are kept, and what the applied events made stale on them. A date is kept on
 * its first ask (computed from the whole book, stored in one transaction). The projection marks, in the transaction
 * that applies each event, what the event makes stale on every kept date it can reach (kept-effect.ts): a customer
 * (its subject is recomputed on the next ask from a book loaded for that subject only) or the whole date (dropped,
 * kept again on the next ask). So a kept row never misses an applied event, whatever crash comes between.
 */
export class KeptDates {
  private readonly s: ReturnType<typeof prepare>;
  /**
   * Dates that may be kept: loaded at open (and at each batch when the reads keep dates over another connection:
   * loadKeptDates), added once kept; a date dropped since only makes a mark find nothing.
   */
  private readonly mayBeKept = new Set<string>();

  constructor(db: Database.Database, tables: KeptTables) {
    this.s = prepare(db, tables);
    this.loadKeptDates();
  }

  /**
   * Reads the kept dates again: the projection applied on its own thread calls it in each batch's transaction, because
   * the reads run over another connection (book.projection.ts) and may keep a date there, which this instance would
   * otherwise not know. Applied inline, the projection shares the reads' instance instead (projection-applier.ts).
   */
  loadKeptDates(): void {
    this.mayBeKept.clear();
    for (const { as_of } of this.s.keptDates.all()) this.mayBeKept.add(as_of);
  }

  /** Runs in the projection's batch transaction, after the event's own rows are written. */
  markEvent(event: BookEvent, effectiveDate: BusinessDate): void {
    // Nothing kept (a rebuild, or a book whose lists and report were never asked for): nothing to classify.
    if (this.mayBeKept.size === 0) return;
    const effect = keptEffect(event);
    if (effect.kind === 'none') return;
    const from = effect.from === 'every-date' ? '' : effectiveDate;
    if (!this.anyKeptFrom(from)) return;
    switch (effect.kind) {
      case 'customers':
        for (const customerId of effect.customerIds) this.s.markStale.run({ customerId, from });
        return;
      case 'drop':
        this.s.dropRows.run(from);
        this.s.dropStale.run(from);
        this.s.dropDates.run(from);
        return;
      default: {
        const unhandled: never = effect;
        throw new Error(`unknown kept effect ${JSON.stringify(unhandled)}`);
      }
    }
  }

  private anyKeptFrom(from: BusinessDate | ''): boolean {
    for (const date of this.mayBeKept) if (date >= from) return true;
    return false;
  }

  /**
   * Brings the date's rows up to date, in the caller's immediate transaction: `keep` computes every row from the
   * whole book (the date not kept, or more stale customers than a tenth of its rows: a judgement, not a measure, of
   * when one load for every stale subject comes near a load of the book), `refresh` the stale customers' subjects.
   */
  upToDate(date: BusinessDate, keep: () => void, refresh: (stale: readonly string[]) => void): void {
    if (this.s.isKept.get(date) === undefined) return keep();
    const stale = this.s.staleOf.all(date).map((row) => row.customer_id);
    if (stale.length === 0) return;
    if (BigInt(stale.length * STALE_SHARE_FOR_WHOLE) > (this.s.rowCount.get(date)?.n ?? 0n)) return keep();
    refresh(stale);
  }

  /** In the caller's transaction, before it puts the date's rows: whatever was kept for the date is gone, the date kept anew. */
  keepAnew(date: BusinessDate): void {
    this.forget(date);
    this.s.keepDate.run(date);
    this.mayBeKept.add(date);
  }

  /** In the caller's transaction, once the stale subjects' rows are put again. */
  clearStale(date: BusinessDate): void {
    this.s.clearStale.run(date);
  }

  /** In the caller's transaction: the date no longer kept (its rows and marks gone). */
  forget(date: BusinessDate): void {
    this.s.clearRows.run(date);
    this.s.clearStale.run(date);
    this.s.clearDate.run(date);
  }

  keptDates(): string[] {
    return this.s.keptDates.all().map((row) => row.as_of);
  }
}
