import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
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

/**
 * A computation of a date begun longer ago than this is taken for abandoned (its thread died; a stopped or crashed
 * process's are forgotten at the next open: forgetComputing): another may then claim the date. A whole book takes
 * well under a minute at a bank's scale (operations.md).
 */
const ABANDONED_AFTER_MS = 15 * 60_000;

/** How often a read brings the date up to date again when a batch made its rows stale in between, before it reads the whole book. */
const READ_ATTEMPTS = 3;

function prepare(db: Database.Database, t: KeptTables) {
  return {
    keptDates: db.prepare<[], { as_of: string }>(`SELECT as_of FROM ${t.dates}`),
    // undefined: not kept; null: kept; a token: being computed.
    computingOf: db.prepare<[string], string | null>(`SELECT computing FROM ${t.dates} WHERE as_of = ?`).pluck(true),
    startComputing: db.prepare<[string, string]>(`INSERT INTO ${t.dates} (as_of, computing) VALUES (?, ?)`),
    markKept: db.prepare<[string]>(`UPDATE ${t.dates} SET computing = NULL WHERE as_of = ?`),
    // The date's rows counted up to a bound: enough to tell whether there are that many, without reading them all
    // (COUNT(*) of the report's 100,000 rows reads every page of them: 35 ms warm, near a second cold).
    rowsUpTo: db.prepare<[string, number], bigint>(`SELECT COUNT(*) FROM (SELECT 1 FROM ${t.rows} WHERE as_of = ? LIMIT ?)`).pluck(true),
    staleOf: db.prepare<[string], { customer_id: string }>(`SELECT customer_id FROM ${t.stale} WHERE as_of = ?`),
    staleCount: db.prepare<[string], bigint>(`SELECT COUNT(*) FROM ${t.stale} WHERE as_of = ?`).pluck(true),
    anyStale: db.prepare<[string], number>(`SELECT 1 FROM ${t.stale} WHERE as_of = ? LIMIT 1`).pluck(true),
    // Only dates kept or being computed get a mark: the in-memory list of dates is a superset.
    markStale: db.prepare<{ customerId: string; from: string }>(
      `INSERT OR IGNORE INTO ${t.stale} (as_of, customer_id) SELECT as_of, @customerId FROM ${t.dates} WHERE as_of >= @from`,
    ),
    dropRows: db.prepare<[string]>(`DELETE FROM ${t.rows} WHERE as_of >= ?`),
    dropStale: db.prepare<[string]>(`DELETE FROM ${t.stale} WHERE as_of >= ?`),
    dropDates: db.prepare<[string]>(`DELETE FROM ${t.dates} WHERE as_of >= ?`),
    clearRows: db.prepare<[string]>(`DELETE FROM ${t.rows} WHERE as_of = ?`),
    clearStale: db.prepare<[string]>(`DELETE FROM ${t.stale} WHERE as_of = ?`),
    clearDate: db.prepare<[string]>(`DELETE FROM ${t.dates} WHERE as_of = ?`),
    computingDates: db.prepare<[], string>(`SELECT as_of FROM ${t.dates} WHERE computing IS NOT NULL`).pluck(true),
  };
}

/** How the reads run their transactions over their connection (book.projection.ts). */
export interface ReadTransactions {
  /** A read in one deferred transaction: one snapshot of the file, and no lock that holds up the projection's batches. */
  read: <T>(read: () => T) => T;
  /** An immediate transaction: the write lock from its start, so no batch commits in between. */
  write: <T>(write: () => T) => T;
}

/** Both kinds of transaction over a connection (the reads', the keeping thread's). */
export function readTransactions(db: Database.Database): ReadTransactions {
  const inTransaction = db.transaction((run: () => unknown) => run());
  return { read: inTransaction as <T>(read: () => T) => T, write: inTransaction.immediate as <T>(write: () => T) => T };
}

/**
 * What a computation does when another one (the keeping thread's, or a read's) is computing the date: a read computes
 * the rows for its own answer without claiming the date, so that neither throws the other's work away; the keeping
 * thread leaves the date to it.
 */
export type WhileComputedElsewhere = 'compute' | 'leave';

/** What keeping a date's rows takes, given by each kind (the report's rows, the groups list's views). */
export interface KeepingSteps<Computed> {
  /** Every row of the date, from the whole book: run in a read transaction. */
  compute: () => Computed;
  /** Puts every computed row: run in the write transaction that finds the date still computing. */
  put: (computed: Computed) => void;
  /** Computes and puts again the rows of the stale customers' subjects, then clears the marks: in a write transaction. */
  refresh: (stale: readonly string[]) => void;
}

/**
 * Which dates of one kind of kept rows are kept, and what the applied events made stale on them. A date is kept on
 * its first ask (computed from the whole book: upToDate). The projection marks, in the transaction that applies
 * each event, what the event makes stale on every kept (or computing) date it can reach (kept-effect.ts): a customer
 * (its subject is recomputed on the next ask from a book loaded for that subject only) or the whole date (dropped,
 * kept again on the next ask). So a kept row never misses an applied event, whatever crash comes between.
 */
export class KeptDates {
  private readonly s: ReturnType<typeof prepare>;
  /**
   * Dates that may be kept: loaded at open (and at each batch when the reads keep dates over another connection:
   * loadKeptDates), added once computing; a date dropped since only makes a mark find nothing.
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
   * Brings the date's rows up to date. Kept, with a few stale customers: `refresh` computes their subjects again, in
   * a short write transaction. Not kept, or more stale customers than a tenth of its rows (a judgement, not a
   * measure, of when one load for every stale subject comes near a load of the book): every row is computed anew and
   * returned, for the caller to answer from. Undefined otherwise: the caller reads the kept rows.
   *
   * The whole-book computation runs outside the write lock. Held, at a bank's scale it kept the projection's batches
   * waiting for tens of seconds, and they give up after a minute (read-model.db.ts). So the date is first claimed
   * (marked computing, with this computation's token) in a write transaction: every batch committed after that marks
   * the date's stale customers. The rows are computed in a read transaction begun after it, so any batch the
   * computation does not see is one that marked (a mark for a batch it did see costs only a refresh). They are put in a
   * last write transaction, if the date is still this computation's: an event that dropped the date meanwhile leaves
   * it unkept, and so does another computation that claimed it since (which cleared the marks this one needs). A date
   * another computation is computing is left to it (`elsewhere`), unless that one began so long ago that it was
   * abandoned.
   */
  upToDate<Computed>(date: BusinessDate, tx: ReadTransactions, steps: KeepingSteps<Computed>, elsewhere: WhileComputedElsewhere): Computed | undefined {
    const token = `${Date.now()}:${randomUUID()}`;
    const step = tx.write((): 'kept' | 'claimed' | 'computed elsewhere' => {
      const computing = this.s.computingOf.get(date);
      if (computing === null) {
        const stale = this.s.staleOf.all(date).map((row) => row.customer_id);
        if (stale.length === 0) return 'kept';
        if (this.fewStale(date, stale.length)) {
          steps.refresh(stale);
          return 'kept';
        }
      } else if (computing !== undefined && !abandoned(computing)) return 'computed elsewhere';
      this.forget(date);
      this.s.startComputing.run(date, token);
      this.mayBeKept.add(date);
      return 'claimed';
    });
    if (step === 'kept' || (step === 'computed elsewhere' && elsewhere === 'leave')) return undefined;
    const computed = tx.read(steps.compute);
    if (step === 'computed elsewhere') return computed;
    tx.write(() => {
      if (this.s.computingOf.get(date) !== token) return;
      steps.put(computed);
      this.s.markKept.run(date);
    });
    return computed;
  }

  /**
   * A read of the date's kept rows: brought up to date (upToDate), then `read` in a read transaction, told whether
   * the kept rows are up to date in it (then it reads them), else given the rows computed anew, if any (else it
   * computes from the whole book in its own snapshot: the date dropped, or computed elsewhere). Kept rows a batch
   * made stale between the two transactions are brought up to date again, up to READ_ATTEMPTS times, so that an
   * answer's rows are those of its own snapshot.
   */
  read<Computed, T>(date: BusinessDate, tx: ReadTransactions, steps: KeepingSteps<Computed>, read: (keptUpToDate: boolean, computed: Computed | undefined) => T): T {
    for (let attempt = 1; ; attempt++) {
      const computed = this.upToDate(date, tx, steps, 'compute');
      const answer = tx.read(() => {
        const computing = this.s.computingOf.get(date);
        const upToDate = computing === null && this.s.anyStale.get(date) === undefined;
        if (computing === null && !upToDate && attempt < READ_ATTEMPTS) return undefined;
        return { value: read(upToDate, computed) };
      });
      if (answer !== undefined) return answer.value;
    }
  }

  /**
   * Forgets the dates left computing: called as the projection opens, when no computation of this process has begun
   * yet, so any is a stopped or crashed process's (one projection per file), and the date is free to be kept again.
   */
  forgetComputing(): void {
    for (const date of this.s.computingDates.all()) this.forget(date);
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

  /**
   * Whether a read finds the date's rows kept, with at most a few stale subjects to refresh: not computing, not
   * dropped, and no more stale customers than upToDate refreshes one by one rather than computing every row anew.
   */
  isKept(date: BusinessDate): boolean {
    if (this.s.computingOf.get(date) !== null) return false;
    const stale = Number(this.s.staleCount.get(date) ?? 0n);
    return stale === 0 || this.fewStale(date, stale);
  }

  /** At least STALE_SHARE_FOR_WHOLE rows for each stale customer: the refresh is cheaper than the whole book. */
  private fewStale(date: BusinessDate, stale: number): boolean {
    const needed = stale * STALE_SHARE_FOR_WHOLE;
    return (this.s.rowsUpTo.get(date, needed) ?? 0n) >= BigInt(needed);
  }

  keptDates(): string[] {
    return this.s.keptDates.all().map((row) => row.as_of);
  }
}

/** Whether a computing token (`<ms since the epoch>:<uuid>`) was begun so long ago that its computation was abandoned; one not of that shape was. */
function abandoned(token: string): boolean {
  const begun = Number(token.slice(0, token.indexOf(':')));
  return !(token.indexOf(':') > 0 && Number.isSafeInteger(begun) && Date.now() - begun < ABANDONED_AFTER_MS);
}
