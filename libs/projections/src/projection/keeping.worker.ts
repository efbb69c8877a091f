import { parentPort, workerData } from 'node:worker_threads';
import { BusinessDate } from '@groupcap/domain';
import { GroupReadModel, KeptRows, LimitListItemReadModel } from '../read-models.port';
import { loadAsOfBook } from '../as-of/as-of-book';
import { bookStateOn } from '../as-of/book-state-on';
import { FilableG14Report } from '../large-exposure.port';
import { FilableLargeCreditReport, LargeCreditQuery, LargeCreditReport } from '../large-credit.port';
import { filableG14Report } from '../reports/large-exposure.report';
import { filableLargeCreditReport, largeCreditReportOf } from '../reports/large-credit.report';
import { ReadStatements, prepareReads } from '../as-of/as-of.queries';
import { readTransactions } from '../as-of/kept-dates';
import { KeptLargeCreditRows, currentRowsOfBook } from '../reports/large-credit.kept';
import { KeptGroupViews } from '../views/group.kept';
import { GroupsPageQuery, groupViews, pageOfGroups } from '../views/group.view';
import { Page } from '../views/paging';
import { LimitsPageQuery, pageOfLimits } from '../views/customer.view';
import { READER_CACHE_KIB, openReadModelDatabase } from './read-model.db';

/**
 * What the thread measures from the whole book as of a date, for an ask of a date no rows are kept for: the G14
 * report (no rows of it are kept); the large-credit report, as asked or as a filing freezes it, of a date that is
 * neither the business date nor a quarter end; a page of the groups list of a date other than the business date; a
 * page of every customer's limits. Each: what the ask names beside its date, and its answer.
 */
export interface Measures {
  g14: { ask: { date: BusinessDate }; value: FilableG14Report };
  'large-credit': { ask: { date: BusinessDate; query: LargeCreditQuery }; value: LargeCreditReport };
  'large-credit-filable': { ask: { date: BusinessDate }; value: FilableLargeCreditReport };
  'groups-page': { ask: { date: BusinessDate; query: GroupsPageQuery }; value: Page<GroupReadModel> };
  'limits-page': { ask: { date: BusinessDate; query: LimitsPageQuery }; value: Page<LimitListItemReadModel> };
}

export type Measure<K extends keyof Measures = keyof Measures> = { [R in K]: { of: R } & Measures[R]['ask'] }[K];

/** A Measure's answer: plain data, copied to the main thread. */
export type Measured<K extends keyof Measures = keyof Measures> = { [R in K]: { of: R; value: Measures[R]['value'] } }[K];

/**
 * What the main thread asks the keeping thread: bring these kinds of rows kept for a date up to date (the business
 * date's both, a quarter end's report alone); measure something (Measures; `id` names the ask); or stop.
 */
export type KeepingRequest = { kind: 'keep'; date: BusinessDate; rows: readonly KeptRows[] } | { kind: 'measure'; id: number; what: Measure } | { kind: 'stop' };

/** Told as each kind is kept, then once the request is done; or as the request fails. A measure is answered by its id. */
export type KeepingReply =
  | { kind: 'kept'; date: BusinessDate; rows: KeptRows }
  | { kind: 'done'; date: BusinessDate }
  | { kind: 'failed'; date: BusinessDate; message: string; stack?: string }
  | { kind: 'measured'; id: number; measured: Measured }
  | { kind: 'measure-failed'; id: number; message: string; stack?: string }
  | { kind: 'stopped' };

export interface KeepingWorkerData {
  /** The read models' data directory (read-models.db), already made by the main thread. */
  readModelDir: string;
}

/**
 * Keeps the business date's rows (the groups list's views and the large-credit report's rows), and a quarter end's
 * report rows when one is asked for, up to date on a thread
 * of its own (keeping-thread.ts starts it), with its own connection to read-models.db, the same way a read does
 * (as-of/kept-dates.ts upToDate): the first ask of a day then finds them kept, and the whole-book computation, tens
 * of seconds at a bank's scale, does not hold up the main thread's commands and reads.
 */
function serve(port: NonNullable<typeof parentPort>, data: KeepingWorkerData): void {
  const db = openReadModelDatabase(data.readModelDir, 'with-readers');
  db.pragma(`cache_size = -${READER_CACHE_KIB}`);
  const reads = prepareReads(db);
  const tx = readTransactions(db);
  const groups = new KeptGroupViews(db, reads);
  const reports = new KeptLargeCreditRows(db, reads);
  port.on('message', (request: KeepingRequest) => {
    switch (request.kind) {
      case 'keep': {
        const { date } = request;
        try {
          // Each kind loads the book in its own read transaction: a book loaded before the other kind's date was
          // marked computing could miss a batch that did not mark it.
          const wholeBook = () => loadAsOfBook(reads, date, 'all');
          for (const rows of request.rows) {
            (rows === 'groups' ? groups : reports).keep(date, wholeBook, tx);
            port.postMessage({ kind: 'kept', date, rows } satisfies KeepingReply);
          }
          port.postMessage({ kind: 'done', date } satisfies KeepingReply);
        } catch (error) {
          port.postMessage({ kind: 'failed', date, ...told(error) } satisfies KeepingReply);
        }
        return;
      }
      case 'measure': {
        const { id, what } = request;
        try {
          // In one read transaction begun after the ask: what the main thread would have measured, at least as recent,
          // without holding up its commands for the tens of seconds it takes.
          const measured = tx.read(() => measure(reads, what));
          port.postMessage({ kind: 'measured', id, measured } satisfies KeepingReply);
        } catch (error) {
          port.postMessage({ kind: 'measure-failed', id, ...told(error) } satisfies KeepingReply);
        }
        return;
      }
      case 'stop':
        db.close();
        port.postMessage({ kind: 'stopped' } satisfies KeepingReply);
        port.close();
        return;
      default: {
        const unhandled: never = request;
        throw new Error(`unknown request to the keeping thread: ${JSON.stringify(unhandled)}`);
      }
    }
  });
}

/** What was asked, from the whole book as of its date, as BookProjection computes it without this thread. */
function measure(reads: ReadStatements, what: Measure): Measured {
  const book = loadAsOfBook(reads, what.date, 'all');
  switch (what.of) {
    case 'g14':
      return { of: what.of, value: filableG14Report(bookStateOn(reads, book), what.date) };
    case 'large-credit':
      return { of: what.of, value: largeCreditReportOf(what.date, currentRowsOfBook(book), reads.filedReport.get(what.date), what.query) };
    case 'large-credit-filable':
      return { of: what.of, value: filableLargeCreditReport(what.date, currentRowsOfBook(book)) };
    case 'groups-page':
      return { of: what.of, value: pageOfGroups(groupViews(book), what.query) };
    case 'limits-page':
      return { of: what.of, value: pageOfLimits(book, what.query) };
    default: {
      const unknown: never = what;
      throw new Error(`unknown measure: ${JSON.stringify(unknown)}`);
    }
  }
}

/** What a failure tells the main thread: an Error itself cannot cross to it with its stack. */
function told(error: unknown): { message: string; stack?: string } {
  return error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) };
}

if (parentPort) serve(parentPort, workerData as KeepingWorkerData);
