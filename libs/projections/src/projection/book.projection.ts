import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { BookState, BusinessDate, GroupLimit, awaitingDecision, compareIds, exposureLeft, formatMoney, groupLimitOn, groupOfGroupLimitOn, policyOn, samePerson } from '@groupcap/domain';
import { EventStore, SqliteEventStore } from '@groupcap/event-store';
import { AsOfBook, everInGroup, loadAsOfBook, loadSettings, withTheirGroups } from '../as-of/as-of-book';
import { ReadStatements, prepareReads } from '../as-of/as-of.queries';
import { bookStateOn, connectedScope } from '../as-of/book-state-on';
import { FilableLargeCreditReport, LargeCreditQuery, LargeCreditReport, LargeCreditReports } from '../large-credit.port';
import { FilableG14Report, G14Query, G14Report, G14Reports } from '../large-exposure.port';
import { filableG14Report, g14Report } from '../reports/large-exposure.report';
import {
  BreachReadModel,
  CapitalWithTier1ReadModel,
  CustomerReadModel,
  CustomerSummaryReadModel,
  GroupLimitQuery,
  GroupLimitReadModel,
  GroupReadModel,
  LimitDetailReadModel,
  LimitQuery,
  LargeExposurePolicyReadModel,
  LimitListItemReadModel,
  LogEntry,
  Paged,
  PolicyReadModel,
  KeptRows,
  ReadModels,
  ReadSideStoppedError,
} from '../read-models.port';
import { CurrentLargeCreditRows, KeptLargeCreditRows, currentRowsOfBook } from '../reports/large-credit.kept';
import { filableLargeCreditReport, largeCreditReportOf } from '../reports/large-credit.report';
import { isQuarterEnd } from '../as-of/quarter';
import { breachView } from '../views/breach.view';
import { breachStillHolds } from '../views/cap-status';
import { awaitsDecision, customerView, limitsOfCustomer, pageOfLimits } from '../views/customer.view';
import { InvalidCursorError, decodeCursor, pageOf } from '../views/paging';
import { GroupSort, groupCursor, groupView, groupViews, pageOfGroups } from '../views/group.view';
import { ReadTransactions, readTransactions } from '../as-of/kept-dates';
import { KeptGroupViews } from '../views/group.kept';
import { groupLimitSummary, groupLimitView } from '../views/group-limit.view';
import { KeepingThread } from './keeping-thread';
import type { Measure, Measures } from './keeping.worker';
import { OffThreadApplier } from './off-thread-applier';
import { ProjectionApplier } from './projection-applier';
import { READER_CACHE_KIB, TABLE_ORDER, holdReadModelLock, openReadModelDatabase } from './read-model.db';


export interface BookProjectionOptions {
  /** Where read-models.db lives; undefined keeps the read models in memory (rebuilt from the log at each start). */
  dataDir?: string;
  /** Today's business date: the default as-of date of every read. */
  today: () => string;
  /** Most events held before they are applied at once, whatever the event loop is doing. Default 500. */
  batchSize?: number;
  /**
   * Most events applied in one transaction per macrotask while fewer than `batchSize` are held, so the
   * projection, in the writer's process, never holds the event loop for long. Default 64.
   */
  sliceSize?: number;
  /** Told when the projection stops on an error (an event it cannot read, a failed write). Default: console.error. */
  onError?: (error: unknown) => void;
  /**
   * Applies the events on a thread of its own (projection.worker.ts), reading the SQLite log in this directory, while
   * the reads stay on the calling thread: the decoding and writing of each event leave the writer's thread. Needs
   * `dataDir`; with a SqliteEventStore its appends wake the thread at once, else it polls (every `pollIntervalMs`,
   * default the store's).
   */
  applyOnThread?: { eventStoreDir: string; pollIntervalMs?: number };
  /**
   * With `applyOnThread`: keeps the business date's groups list and report on a third thread (keeping-thread.ts) once
   * caught up, then every `checkEveryMs` (default a minute), so that an ask seldom has to measure the whole book on
   * this thread. Problems are told to `onProblem` (default console.warn); reads are right either way.
   */
  keepOnThread?: { onProblem?: (message: string, error?: unknown) => void; checkEveryMs?: number };
}

/** How long an ask waits for the keeping thread (whenKept) before it computes the rows itself. */
const KEPT_WAIT_MS = 120_000;

interface Waiter {
  position: bigint;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * The read side (architecture.md): the read models as of any business date, as queries over the effective-dated
 * SQLite tables that a ProjectionApplier (projection-applier.ts) writes from the log, on this thread or on one of its
 * own (off-thread-applier.ts). Reads wait for a position through waitFor, told by the applier after each batch.
 */
export class BookProjection implements ReadModels, LargeCreditReports, G14Reports {
  private readonly db: Database.Database;
  /** read-models.db.lock, held while the projection is open (read-model.db.ts holdReadModelLock). */
  private readonly lock: Database.Database | undefined;
  private readonly reads: ReadStatements;
  private readonly keptReports: KeptLargeCreditRows;
  private readonly keptGroups: KeptGroupViews;
  private readonly applier: ProjectionApplier | OffThreadApplier;
  private readonly keeping: KeepingThread | undefined;
  /** A read in one transaction: with the applier on another thread, every statement of it sees the same batches. */
  private readonly inRead: <T>(read: () => T) => T;
  /** Both kinds of transaction, for the rows kept per date (as-of/kept-dates.ts): reads, and writes with the lock from their start. */
  private readonly tx: ReadTransactions;
  private applied: bigint | null;
  private readonly waiters = new Set<Waiter>();
  private started = false;
  private closed = false;
  /** The last whole-book load, reused by lists and reports until the next batch or another date. */
  private cached: { key: string; book: AsOfBook } | undefined;
  /** The last whole domain state built for a date (bookState), reused the same way. */
  private cachedState: { key: string; state: BookState } | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: BookProjectionOptions,
  ) {
    const onThread = options.applyOnThread;
    if (onThread && options.dataDir === undefined) throw new Error('a projection applied on its own thread needs a dataDir');
    // One projection per file, whichever thread applies it: a second one would apply every event again.
    this.lock = options.dataDir !== undefined ? holdReadModelLock(options.dataDir) : undefined;
    try {
      this.db = openReadModelDatabase(options.dataDir, onThread ? 'with-readers' : 'alone');
      // Reads only, when the projection applies on its thread.
      if (onThread) this.db.pragma(`cache_size = -${READER_CACHE_KIB}`);
    } catch (error) {
      this.lock?.close();
      throw error;
    }
    this.reads = prepareReads(this.db);
    this.keptReports = new KeptLargeCreditRows(this.db, this.reads);
    this.keptGroups = new KeptGroupViews(this.db, this.reads);
    this.db.transaction(() => {
      for (const kind of [this.keptReports, this.keptGroups]) kind.dates.forgetComputing();
    }).immediate();
    this.applied = this.reads.checkpoint.get()?.position ?? null;
    this.tx = readTransactions(this.db);
    this.inRead = this.tx.read;
    const told = {
      onApplied: (position: bigint) => this.caughtUpTo(position),
      onError: (error: unknown) => (options.onError ?? ((e: unknown) => console.error('projection stopped:', e)))(error),
    };
    this.applier = onThread
      ? new OffThreadApplier(
          {
            eventStoreDir: onThread.eventStoreDir,
            readModelDir: options.dataDir as string,
            batchSize: options.batchSize,
            sliceSize: options.sliceSize,
            pollIntervalMs: onThread.pollIntervalMs,
          },
          { ...told, watchAppends: store instanceof SqliteEventStore ? (listener) => store.watchAppends(listener) : undefined },
        )
      : new ProjectionApplier(store, this.db, { ...told, batchSize: options.batchSize, sliceSize: options.sliceSize, kept: [this.keptReports.dates, this.keptGroups.dates] });
    const keep = options.keepOnThread;
    this.keeping =
      onThread && keep
        ? new KeepingThread({
            readModelDir: options.dataDir as string,
            today: options.today,
            checkEveryMs: keep.checkEveryMs,
            onProblem: keep.onProblem ?? ((message, error) => console.warn(`keeping thread: ${message}`, error ?? '')),
          })
        : undefined;
  }

  /**
   * Resolves once the rows an ask of the groups list or of the report as of `asOf` would read are kept, when the
   * keeping thread keeps them (the business date's). Without the wait, an ask that comes before the thread is done
   * (after a start, a new day, or a link that dropped the date) measures the whole book on this thread, which holds up
   * every command and read for as long: tens of seconds at a bank's scale. At once for any other date or kept rows;
   * after KEPT_WAIT_MS at most, when the ask computes them itself.
   */
  async whenKept(rows: KeptRows, asOf?: string): Promise<void> {
    const date = this.dateOf(asOf);
    if (!this.keeping || this.closed || !this.keeps(rows, date)) return;
    if ((rows === 'groups' ? this.keptGroups : this.keptReports).dates.isKept(date)) return;
    await this.keeping.whenKept(date, rows, KEPT_WAIT_MS);
  }

  /**
   * Whether the read model keeps these rows for the date: the business date's both kinds (the dashboard asks them all
   * day), and a quarter end's report (a regulator's filing date, asked again and again). Any other date is measured
   * from the whole book on each ask.
   */
  private keeps(rows: KeptRows, date: BusinessDate): boolean {
    return date === this.options.today() || (rows === 'report' && isQuarterEnd(date));
  }

  /** Subscribes after the checkpoint; resolves once everything already in the log is applied, and then starts the keeping thread. */
  start(): Promise<void> {
    if (this.started || this.closed) return Promise.reject(new Error('the projection was already started'));
    this.started = true;
    // Not once stopped: a stop while the applier caught up would find no thread to stop, and this one would outlive it.
    return this.applier.start().then(() => {
      if (!this.closed) this.keeping?.start();
    });
  }

  /** Applies what was received, stops the subscription and closes the database. */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.keeping?.stop();
    await this.applier.stop();
    for (const waiter of this.waiters) this.settle(waiter, false);
    this.db.close();
    this.lock?.close();
  }

  position(): bigint | null {
    return this.applied;
  }

  /** Why the projection stopped applying events (reads then answer as of the last batch it committed), if it did. */
  failure(): unknown {
    return this.applier.failure();
  }

  waitFor(position: bigint, timeoutMs: number): Promise<boolean> {
    if (this.applied !== null && this.applied >= position) return Promise.resolve(true);
    if (this.closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const waiter: Waiter = { position, resolve, timer: setTimeout(() => this.settle(waiter, false), timeoutMs) };
      this.waiters.add(waiter);
    });
  }

  customer(customerId: string, asOf?: string): CustomerReadModel | undefined {
    return this.inRead(() => customerView(loadAsOfBook(this.reads, this.dateOf(asOf), [customerId]), customerId));
  }

  group(groupId: string, asOf?: string): GroupReadModel | undefined {
    return this.inRead(() => {
      const scope = everInGroup(this.reads, groupId);
      if (scope.length === 0) return undefined;
      return groupView(loadAsOfBook(this.reads, this.dateOf(asOf), scope), groupId);
    });
  }

  groupLimit(groupLimitId: string, asOf?: string): GroupLimitReadModel | undefined {
    return this.inRead(() => {
      const scope = this.reads.allocatedCustomers.all(groupLimitId).map((row) => row.customer_id);
      return groupLimitView(loadAsOfBook(this.reads, this.dateOf(asOf), scope), groupLimitId);
    });
  }

  /**
   * A page of the group limits. Which group limits are listed (their status on the date, their group, whether they
   * await a decision: the approvers' queue, `pending`) follows from their own events, which a book folds whatever
   * customers it is loaded for: no customer is loaded to choose them, and each one's view loads only its allocations'
   * customers (as groupLimit), never the whole book.
   */
  groupLimits(query: GroupLimitQuery): Paged<GroupLimitReadModel> {
    return this.inRead(() => {
      const date = this.dateOf(query.asOf);
      const book = loadAsOfBook(this.reads, date, []);
      const ids = [...book.state.groupLimits.keys()]
        .filter((groupLimitId) => {
          const g = groupLimitOn(book.state.groupLimits.get(groupLimitId) as GroupLimit, book.date);
          if (!g || (query.groupId !== undefined && groupOfGroupLimitOn(g, book.date) !== query.groupId)) return false;
          return query.status === undefined || (query.status === 'pending' ? awaitingDecision(g) !== undefined : groupLimitSummary(g, book.date).status === query.status);
        })
        .sort(compareIds);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['groupLimitId']).groupLimitId;
      if (query.cursor !== undefined && after === null) throw new InvalidCursorError(query.cursor);
      const page = pageOf(ids, query.limit, after === undefined ? undefined : (id) => compareIds(id, after as string) > 0, (id) => ({ groupLimitId: id }));
      const allocated = (id: string) => this.reads.allocatedCustomers.all(id).map((row) => row.customer_id);
      const views = loadAsOfBook(this.reads, date, [...new Set(page.items.flatMap(allocated))]);
      return { items: page.items.map((id) => groupLimitView(views, id) as GroupLimitReadModel), next: page.next };
    });
  }

  async groups(options: { sort: GroupSort; limit: number; asOf?: string }): Promise<GroupReadModel[]> {
    return (await this.groupsPage(options)).items;
  }

  /**
   * A page of the groups sorted by a figure. As of the business date, from the views kept for it (views/group.kept.ts:
   * a page of an index, the groups the applied events touched measured again first); as of another date, every
   * group measured from the whole book: on the keeping thread when there is one, since at a bank's scale that takes
   * tens of seconds, which on this thread would hold up every command and read.
   */
  async groupsPage(options: { sort: GroupSort; limit: number; asOf?: string; cursor?: string }): Promise<Paged<GroupReadModel>> {
    const date = this.dateOf(options.asOf);
    const after = options.cursor === undefined ? undefined : groupCursor(options.cursor, options.sort);
    const query = { sort: options.sort, limit: options.limit, after };
    if (this.keeps('groups', date)) return this.keptGroups.page(date, () => this.wholeBook(date), this.tx, query);
    const measured = await this.measured({ of: 'groups-page', date, query });
    return measured ?? this.inRead(() => pageOfGroups(groupViews(this.wholeBook(date)), query));
  }

  /**
   * A page of the limits, each with what approving it would do (which needs its customer's group whole). One
   * customer's, or the approvers' queue (`pending`), from a book loaded for those customers and their groups; every
   * customer's otherwise, from the whole book: on the keeping thread when there is one, since at a bank's scale that
   * takes tens of seconds, which on this thread would hold up every command and read.
   */
  async limits(query: LimitQuery): Promise<Paged<LimitListItemReadModel>> {
    const date = this.dateOf(query.asOf);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['limitId']).limitId;
    if (query.cursor !== undefined && after === null) throw new InvalidCursorError(query.cursor);
    const page = { status: query.status, limit: query.limit, after: after ?? undefined };
    const everyCustomer = query.customerId === undefined && query.status !== 'pending';
    const measured = everyCustomer ? await this.measured({ of: 'limits-page', date, query: page }) : undefined;
    return (
      measured ??
      this.inRead(() => {
        const asked = query.customerId !== undefined ? [query.customerId] : everyCustomer ? undefined : this.reads.awaitingDecision.all({ date }).map((row) => row.customer_id);
        const book = asked === undefined ? this.wholeBook(date) : loadAsOfBook(this.reads, date, withTheirGroups(this.reads, asked));
        return pageOfLimits(book, page, asked);
      })
    );
  }

  limit(limitId: string, asOf?: string): LimitDetailReadModel | undefined {
    return this.inRead(() => {
      const owner = this.reads.limitOwner.get(limitId);
      if (!owner) return undefined;
      const date = this.dateOf(asOf);
      const limit = limitsOfCustomer(loadAsOfBook(this.reads, date, [owner.customer_id]), owner.customer_id).find((l) => l.limitId === limitId);
      if (!limit) return undefined;
      const drawdowns = this.reads.drawdownsOfLimit.all({ limitId, customerId: owner.customer_id, date }).map((d) => ({
        drawdownId: d.drawdown_id,
        product: d.product,
        amount: formatMoney(d.amount),
        margin: formatMoney(d.covered),
        outstanding: formatMoney(d.outstanding),
        exposure: formatMoney(exposureLeft(d.outstanding, d.covered)),
        bookedOn: d.booked_on,
      }));
      return { ...limit, drawdowns };
    });
  }

  /**
   * A page of the customers registered by the date, in id order, those matching `q` (in the id, the name or the credit
   * code, any case) alone when given. Found by SQL, and only the page's customers loaded (their limits and figures):
   * what it reads grows with the page, and with the customers scanned for a search, never with the whole book.
   */
  customers(query: { q?: string; cursor?: string; limit: number; asOf?: string }): Paged<CustomerSummaryReadModel> {
    return this.inRead(() => {
      const date = this.dateOf(query.asOf);
      const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['customerId']).customerId;
      if (query.cursor !== undefined && after === null) throw new InvalidCursorError(query.cursor);
      const needle = query.q?.trim().toLowerCase() ?? '';
      const rows = this.reads.customersPage.all({ date, after: after ?? '', needle, limit: Math.max(0, query.limit) + 1 });
      const page = pageOf(rows, query.limit, undefined, (row) => ({ customerId: row.customer_id }));
      const book = loadAsOfBook(this.reads, date, page.items.map((row) => row.customer_id));
      const items = page.items
        .map((row) => customerView(book, row.customer_id))
        .filter((c): c is CustomerReadModel => c !== undefined)
        .map(({ limits: _limits, ...summary }) => summary);
      return { items, next: page.next };
    });
  }

  policy(asOf?: string): PolicyReadModel & LargeExposurePolicyReadModel {
    return this.inRead(() => {
      const date = this.dateOf(asOf);
      const policy = policyOn(loadSettings(this.reads, date).policyChanges, date);
      return {
        asOf: date,
        groupCapRatio: policy.groupCapRatio,
        singleCustomerCapRatio: policy.singleCustomerCapRatio,
        escalationThreshold: formatMoney(policy.escalationThreshold),
        equityControlThreshold: policy.equityControlThreshold,
        regimes: [...policy.regimes],
        tier1SingleClientRatio: policy.tier1SingleClientRatio,
        singleClientLoanRatio: policy.singleClientLoanRatio,
        tier1ConnectedGroupRatio: policy.tier1ConnectedGroupRatio,
        tier1InterbankRatio: policy.tier1InterbankRatio,
        largeExposureRatio: policy.largeExposureRatio,
        ccf: policy.ccf.map(({ product, factor }) => ({ product, factor })),
      };
    });
  }

  capital(asOf?: string): CapitalWithTier1ReadModel {
    return this.inRead(() => {
      const date = this.dateOf(asOf);
      const declarations = loadSettings(this.reads, date)
        .capital.filter((d) => d.asOf <= date)
        .map((d) => ({ asOf: d.asOf, netCapital: formatMoney(d.netCapital), tier1NetCapital: d.tier1NetCapital === null ? null : formatMoney(d.tier1NetCapital) }))
        .toArray();
      const inForce = declarations.at(-1) ?? null;
      return { asOf: date, tier1NetCapital: inForce?.tier1NetCapital ?? null, inForce, declarations };
    });
  }

  awaitsDecisionOf(subject: { customerId: string } | { groupId: string }, userId: string): boolean {
    return this.inRead(() => {
      // Only the subject's customers are loaded: this runs on every read an approver makes.
      const scope = 'customerId' in subject ? [subject.customerId] : everInGroup(this.reads, subject.groupId);
      const book = loadAsOfBook(this.reads, this.options.today(), scope);
      const customerIds = 'customerId' in subject ? [subject.customerId] : (book.members.get(subject.groupId) ?? []);
      return customerIds.some((customerId) =>
        limitsOfCustomer(book, customerId).some((limit) => awaitsDecision(limit) && !samePerson(limit.requestedBy as string, userId)),
      );
    });
  }

  /**
   * The breaches recorded (CapBreached without a later cure) as of the date that still hold on that date by the
   * same measure as inBreach: a breach cured by time alone (a limit expired, a declaration took effect) before
   * any command recorded its cure is left out. `since`, `measure` and `cap` are as the breach event recorded them.
   */
  breaches(asOf?: string): BreachReadModel[] {
    return this.inRead(() => {
      const date = this.dateOf(asOf);
      const open = this.reads.openBreaches.all({ date });
      if (open.length === 0) return [];
      const scope = new Set(
        open.flatMap((row) => (row.regime !== 'cbrc-2010' ? [] : row.group_id !== null ? everInGroup(this.reads, row.group_id) : [row.customer_id as string])),
      );
      const book = loadAsOfBook(this.reads, date, [...scope]);
      // The 2018 measure joins clients across groups (economic dependence): its subjects are read with every customer
      // their recorded members could reach, not the whole book.
      const connected = open.flatMap((row) =>
        row.regime === 'cbrc-2010' ? [] : [row.customer_id, row.connected_group_id, ...(row.members === null ? [] : (JSON.parse(row.members) as string[]))],
      );
      let state: BookState | undefined;
      const stateOn = () => (state ??= this.connectedBookState(connected.filter((id): id is string => id !== null), date));
      return open.filter((row) => breachStillHolds(book, row, stateOn)).map(breachView);
    });
  }

  async customerHistory(customerId: string): Promise<LogEntry[]> {
    const positions = this.reads.historyOf.all({ customerId }).map((row) => row.position);
    const entries: LogEntry[] = [];
    // The read side keeps the index; the events themselves are read from the log, the record.
    for (const position of positions) {
      for await (const event of this.store.readAll({ fromPosition: position, maxCount: 1 })) {
        if (event.position !== position) break;
        entries.push({
          position: event.position.toString(),
          type: event.type,
          version: event.version,
          streamId: event.streamId,
          data: event.data,
          metadata: event.metadata,
        });
      }
    }
    return entries;
  }

  /** The report as the log says now, as a filing freezes it (FileLargeCreditReport). */
  async largeCreditReportForFiling(asOf: string): Promise<FilableLargeCreditReport> {
    const measured = this.keeps('report', asOf) ? undefined : await this.measured({ of: 'large-credit-filable', date: asOf });
    return measured ?? this.withCurrentReportRows(asOf, (now) => filableLargeCreditReport(asOf, now));
  }

  /**
   * Reads, in one read transaction, with the report's rows as the log says now: kept for a quarter end (the dates
   * filed and asked for again) and for the business date (the dashboard's overview), brought up to date first,
   * outside that transaction; else from the whole book as of the date.
   */
  private withCurrentReportRows<T>(asOf: BusinessDate, read: (now: CurrentLargeCreditRows) => T): T {
    if (this.keeps('report', asOf)) return this.keptReports.withRows(asOf, () => this.wholeBook(asOf), this.tx, read);
    return this.inRead(() => read(currentRowsOfBook(this.wholeBook(asOf))));
  }

  /**
   * The report as of a date: the filed one (with any restatement) when that date was filed, else the current one.
   * A date whose rows are not kept is measured on the keeping thread when there is one: from the whole book, tens of
   * seconds at a bank's scale, which on this thread would hold up every command and read.
   */
  async largeCreditReport(query: LargeCreditQuery): Promise<LargeCreditReport> {
    const asOf = this.dateOf(query.asOf);
    const measured = this.keeps('report', asOf) ? undefined : await this.measured({ of: 'large-credit', date: asOf, query });
    return measured ?? this.withCurrentReportRows(asOf, (now) => largeCreditReportOf(asOf, now, this.reads.filedReport.get(asOf), query));
  }

  /**
   * The G14 report's rows and figures as of the date, from the whole book then: measured on the keeping thread when
   * there is one (no other read measures a G14 subject's whole book), else here, as the CLI and the tests do.
   */
  async largeExposureReportForFiling(asOf: string): Promise<FilableG14Report> {
    const measured = await this.measured({ of: 'g14', date: asOf });
    return measured ?? this.inRead(() => filableG14Report(this.bookState(asOf), asOf));
  }

  /** The G14 report (domain.md section 8) as of a date: the filed one (with any restatement) when filed, else the current one. */
  async largeExposureReport(query: G14Query): Promise<G14Report> {
    const asOf = this.dateOf(query.asOf);
    const current = await this.largeExposureReportForFiling(asOf);
    return this.inRead(() => g14Report(current, this.reads.filedG14Report.get(asOf), query.unit ?? 'wan'));
  }

  /**
   * What the keeping thread measured for the ask; undefined without one, or when it could not (the ask then measures it
   * here, as without the thread). Stopped meanwhile, the read models are closed: the ask is refused, to be retried.
   */
  private async measured<K extends keyof Measures>(what: Measure<K>): Promise<Measures[K]['value'] | undefined> {
    if (!this.keeping || this.closed) return undefined;
    const measured = await this.keeping.measure(what);
    if (this.closed) throw new ReadSideStoppedError();
    return measured;
  }

  /**
   * Every row of every table in a fixed order, one line each: two projections of the same log must dump the
   * same text, whether built in one go or resumed after a crash (verify).
   */
  dump(): string {
    return this.inRead(() => {
      const lines: string[] = [];
      for (const [table, orderBy] of TABLE_ORDER) {
        for (const row of this.db.prepare(`SELECT * FROM ${table} ORDER BY ${orderBy}`).all()) {
          lines.push(`${table} ${JSON.stringify(row, (_, value) => (typeof value === 'bigint' ? value.toString() : value))}`);
        }
      }
      return lines.join('\n');
    });
  }

  digest(): string {
    return createHash('sha256').update(this.dump()).digest('hex');
  }

  /**
   * The whole domain BookState as it stood on the date (as-of/book-state-on.ts), for the domain's own readers
   * that need more than the as-of book carries: the 2018 large-exposure measure.
   */
  bookState(asOf?: string): BookState {
    return this.inRead(() => {
      const date = this.dateOf(asOf);
      const key = `${date}@${this.committed()}`;
      if (this.cachedState?.key !== key) this.cachedState = { key, state: bookStateOn(this.reads, this.wholeBook(date)) };
      return this.cachedState.state;
    });
  }

  /**
   * The domain BookState on the date of every customer these could reach through groups and economic dependence
   * (as-of/book-state-on.ts connectedScope): a 2018 subject's figures and connected group without the whole book.
   */
  connectedBookState(customerIds: readonly string[], asOf?: string): BookState {
    return this.inRead(() => {
      const scope = connectedScope(this.reads, customerIds);
      return bookStateOn(this.reads, loadAsOfBook(this.reads, this.dateOf(asOf), scope), scope);
    });
  }

  private dateOf(asOf: string | undefined): BusinessDate {
    return asOf ?? this.options.today();
  }

  private wholeBook(date: BusinessDate): AsOfBook {
    const key = `${date}@${this.committed()}`;
    if (this.cached?.key !== key) this.cached = { key, book: loadAsOfBook(this.reads, date, 'all') };
    return this.cached.book;
  }

  /**
   * The checkpoint this read's transaction sees: what a load in it reflects. With the applier on another thread it
   * can be ahead of `applied` (told after the commit), so caches are keyed by it, not by `applied`.
   */
  private committed(): string {
    return String(this.reads.checkpoint.get()?.position ?? '');
  }

  private caughtUpTo(position: bigint): void {
    this.applied = position;
    this.cached = undefined;
    this.cachedState = undefined;
    for (const waiter of this.waiters) if (position >= waiter.position) this.settle(waiter, true);
  }

  private settle(waiter: Waiter, reached: boolean): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    waiter.resolve(reached);
  }
}
