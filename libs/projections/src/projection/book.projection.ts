import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { Subscription } from 'rxjs';
import { BOOK_STREAM, BookState, BusinessDate, FiledReportRow, GroupLimit, awaitingDecision, compareIds, exposureLeft, formatMoney, groupLimitOn, groupOfGroupLimitOn, policyOn, samePerson } from '@groupcap/domain';
import { EventStore, RecordedEvent, SubscriptionMessage } from '@groupcap/event-store';
import { AsOfBook, everInGroup, loadAsOfBook, loadSettings } from '../as-of/as-of-book';
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
  LimitReadModel,
  LogEntry,
  Paged,
  PolicyReadModel,
  ReadModels,
} from '../read-models.port';
import { netCapitalInUnit, presentRows } from '../reports/large-credit.present';
import { reportMembers } from '../reports/large-credit.members';
import { CurrentLargeCreditRows, KeptLargeCreditRows, currentRowsOfBook } from '../reports/large-credit.kept';
import { isQuarterEnd } from '../as-of/quarter';
import { reportDifferences } from '../reports/large-credit.restatement';
import { breachView } from '../views/breach.view';
import { breachStillHolds } from '../views/cap-status';
import { customerView, limitListItems, limitsOfCustomer } from '../views/customer.view';
import { InvalidCursorError, decodeCursor, pageOf } from '../views/paging';
import { GroupSort, compareGroups, groupView } from '../views/group.view';
import { groupLimitSummary, groupLimitView } from '../views/group-limit.view';
import { RowInsert, WriteStatements, applyEvent, effectiveDateOf, prepareWrites } from './apply-event';
import { decodeEvent } from './projected-event';
import { TABLE_ORDER, openReadModelDatabase } from './read-model.db';

/**
 * A grant or renewal awaiting a decision, what an approver's work queue (status=pending) lists: limitView names
 * its requester exactly then (the domain's awaitingDecision).
 */
function awaitsDecision(limit: LimitReadModel): boolean {
  return limit.requestedBy !== null;
}

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
}

interface Waiter {
  position: bigint;
  resolve: (reached: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * The read side (architecture.md): fed only from the store's subscription, filtered to the book stream,
 * written to effective-dated SQLite tables in batches. Each batch and the checkpoint commit in one
 * transaction, so after a crash the projection resumes right after the last batch it committed: nothing
 * applied twice, nothing skipped. Reads as of any business date are queries over those tables.
 */
export class BookProjection implements ReadModels, LargeCreditReports, G14Reports {
  private readonly db: Database.Database;
  private readonly writes: WriteStatements & { setCheckpoint: RowInsert<[bigint]> };
  private readonly reads: ReadStatements;
  private readonly keptReports: KeptLargeCreditRows;
  private readonly applyBatch: (events: readonly RecordedEvent[]) => void;
  private readonly batchSize: number;
  private readonly sliceSize: number;
  private applied: bigint | null;
  private pending: RecordedEvent[] = [];
  private flushTimer: NodeJS.Immediate | undefined;
  private subscription: Subscription | undefined;
  private stoppedBy: unknown;
  private failStart: ((error: unknown) => void) | undefined;
  private readonly waiters = new Set<Waiter>();
  private closed = false;
  /** The last whole-book load, reused by lists and reports until the next batch or another date. */
  private cached: { key: string; book: AsOfBook } | undefined;
  /** The last whole domain state built for a date (bookState), reused the same way. */
  private cachedState: { key: string; state: BookState } | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly options: BookProjectionOptions,
  ) {
    this.batchSize = options.batchSize ?? 500;
    this.sliceSize = Math.max(1, Math.min(options.sliceSize ?? 64, this.batchSize));
    this.db = openReadModelDatabase(options.dataDir);
    this.writes = prepareWrites(this.db);
    this.reads = prepareReads(this.db);
    this.keptReports = new KeptLargeCreditRows(this.db, this.reads);
    this.applied = this.reads.checkpoint.get()?.position ?? null;
    this.applyBatch = this.db.transaction((events: readonly RecordedEvent[]) => {
      for (const event of events) {
        if (event.streamId !== BOOK_STREAM) continue;
        const decoded = decodeEvent(event);
        applyEvent(this.writes, decoded, event.position, event.metadata);
        // In the same transaction: a kept report row can never miss an applied event, whatever crash follows.
        this.keptReports.markEvent(decoded, effectiveDateOf(decoded, event.metadata));
      }
      // Other streams' events are skipped but still passed: the checkpoint is the last position seen.
      this.writes.setCheckpoint.run(events[events.length - 1].position);
    });
  }

  /** Subscribes after the checkpoint; resolves once everything already in the log is applied. */
  start(): Promise<void> {
    if (this.subscription || this.closed) return Promise.reject(new Error('the projection was already started'));
    return new Promise<void>((resolve, reject) => {
      let caughtUp = false;
      this.failStart = (error) => {
        if (!caughtUp) reject(error);
      };
      const from = this.applied === null ? {} : { afterPosition: this.applied };
      this.subscription = this.store.subscribeToAll(from).subscribe({
        next: (message: SubscriptionMessage) => {
          if (this.stoppedBy !== undefined) return;
          if (message.kind === 'event') {
            this.receive(message.event);
            return;
          }
          this.flush();
          if (!caughtUp && this.stoppedBy === undefined) {
            caughtUp = true;
            resolve();
          }
        },
        error: (error: unknown) => this.fail(error),
        complete: () => this.failStart?.(new Error('the event store ended the subscription before the projection caught up')),
      });
    });
  }

  /** Applies what was received, stops the subscription and closes the database. */
  async stop(): Promise<void> {
    if (this.closed) return;
    this.subscription?.unsubscribe();
    this.failStart?.(new Error('the projection was stopped before it caught up with the log'));
    if (this.stoppedBy === undefined) this.flush();
    this.closed = true;
    clearImmediate(this.flushTimer);
    for (const waiter of this.waiters) this.settle(waiter, false);
    this.db.close();
  }

  position(): bigint | null {
    return this.applied;
  }

  /** Why the projection stopped applying events (reads then answer as of the last batch it committed), if it did. */
  failure(): unknown {
    return this.stoppedBy;
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
    return customerView(loadAsOfBook(this.reads, this.dateOf(asOf), [customerId]), customerId);
  }

  group(groupId: string, asOf?: string): GroupReadModel | undefined {
    const scope = everInGroup(this.reads, groupId);
    if (scope.length === 0) return undefined;
    return groupView(loadAsOfBook(this.reads, this.dateOf(asOf), scope), groupId);
  }

  groupLimit(groupLimitId: string, asOf?: string): GroupLimitReadModel | undefined {
    const scope = this.reads.allocatedCustomers.all(groupLimitId).map((row) => row.customer_id);
    return groupLimitView(loadAsOfBook(this.reads, this.dateOf(asOf), scope), groupLimitId);
  }

  groupLimits(query: GroupLimitQuery): Paged<GroupLimitReadModel> {
    const book = this.wholeBook(this.dateOf(query.asOf));
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
    return { items: page.items.map((id) => groupLimitView(book, id) as GroupLimitReadModel), next: page.next };
  }

  groups(options: { sort: GroupSort; limit: number; asOf?: string }): GroupReadModel[] {
    const book = this.wholeBook(this.dateOf(options.asOf));
    const views = [...book.members.keys()].map((groupId) => groupView(book, groupId)).filter((g): g is GroupReadModel => g !== undefined);
    return views.sort(compareGroups(options.sort)).slice(0, Math.max(0, options.limit));
  }

  groupsPage(options: { sort: GroupSort; limit: number; asOf?: string; cursor?: string }): Paged<GroupReadModel> {
    const book = this.wholeBook(this.dateOf(options.asOf));
    const compare = compareGroups(options.sort);
    const views = [...book.members.keys()].map((groupId) => groupView(book, groupId)).filter((g): g is GroupReadModel => g !== undefined);
    views.sort(compare);
    const keyOf = (g: GroupReadModel) => ({ groupId: g.groupId, value: options.sort === 'groupId' ? null : g[options.sort] });
    let isAfter: ((g: GroupReadModel) => boolean) | undefined;
    if (options.cursor !== undefined) {
      const key = decodeCursor(options.cursor, ['groupId', 'value']);
      if (key.groupId === null) throw new InvalidCursorError(options.cursor);
      // The cursor's key as a group: compared in the list's own order, so the next page starts right after it.
      const last = { groupId: key.groupId, capUtilization: key.value, comprehensiveLimit: key.value, exposure: key.value } as GroupReadModel;
      isAfter = (g) => compare(g, last) > 0;
    }
    return pageOf(views, options.limit, isAfter, keyOf);
  }

  limits(query: LimitQuery): Paged<LimitListItemReadModel> {
    const book = this.wholeBook(this.dateOf(query.asOf));
    const customerIds = query.customerId === undefined ? [...book.state.limitsByCustomer.keys()] : [query.customerId];
    const views = customerIds
      .flatMap((customerId) => limitListItems(book, customerId))
      .filter((limit) => query.status === undefined || (query.status === 'pending' ? awaitsDecision(limit) : limit.status === query.status))
      .sort((a, b) => compareIds(a.limitId, b.limitId));
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['limitId']).limitId;
    if (query.cursor !== undefined && after === null) throw new InvalidCursorError(query.cursor);
    return pageOf(views, query.limit, after === undefined ? undefined : (l) => compareIds(l.limitId, after as string) > 0, (l) => ({ limitId: l.limitId }));
  }

  limit(limitId: string, asOf?: string): LimitDetailReadModel | undefined {
    const owner = this.reads.limitOwner.get(limitId);
    if (!owner) return undefined;
    const date = this.dateOf(asOf);
    const limit = limitsOfCustomer(loadAsOfBook(this.reads, date, [owner.customer_id]), owner.customer_id).find((l) => l.limitId === limitId);
    if (!limit) return undefined;
    const drawdowns = this.reads.drawdownsOfLimit.all({ limitId, date }).map((d) => ({
      drawdownId: d.drawdown_id,
      product: d.product,
      amount: formatMoney(d.amount),
      margin: formatMoney(d.covered),
      outstanding: formatMoney(d.outstanding),
      exposure: formatMoney(exposureLeft(d.outstanding, d.covered)),
      bookedOn: d.booked_on,
    }));
    return { ...limit, drawdowns };
  }

  customers(query: { q?: string; cursor?: string; limit: number; asOf?: string }): Paged<CustomerSummaryReadModel> {
    const book = this.wholeBook(this.dateOf(query.asOf));
    const needle = query.q?.trim().toLowerCase() ?? '';
    const matches = (row: { customer_id: string; name: string; credit_code: string | null }) =>
      needle === '' || row.customer_id.toLowerCase().includes(needle) || row.name.toLowerCase().includes(needle) || (row.credit_code ?? '').toLowerCase().includes(needle);
    const ids = [...book.customers.values()]
      .filter((row) => row.effective_date <= book.date && matches(row))
      .map((row) => row.customer_id)
      .sort(compareIds);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, ['customerId']).customerId;
    if (query.cursor !== undefined && after === null) throw new InvalidCursorError(query.cursor);
    const page = pageOf(ids, query.limit, after === undefined ? undefined : (id) => compareIds(id, after as string) > 0, (id) => ({ customerId: id }));
    const items = page.items.map((id) => customerView(book, id)).filter((c): c is CustomerReadModel => c !== undefined).map(({ limits: _limits, ...summary }) => summary);
    return { items, next: page.next };
  }

  policy(asOf?: string): PolicyReadModel & LargeExposurePolicyReadModel {
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
  }

  capital(asOf?: string): CapitalWithTier1ReadModel {
    const date = this.dateOf(asOf);
    const declarations = loadSettings(this.reads, date)
      .capital.filter((d) => d.asOf <= date)
      .map((d) => ({ asOf: d.asOf, netCapital: formatMoney(d.netCapital), tier1NetCapital: d.tier1NetCapital === null ? null : formatMoney(d.tier1NetCapital) }))
      .toArray();
    const inForce = declarations.at(-1) ?? null;
    return { asOf: date, tier1NetCapital: inForce?.tier1NetCapital ?? null, inForce, declarations };
  }

  awaitsDecisionOf(subject: { customerId: string } | { groupId: string }, userId: string): boolean {
    // Only the subject's customers are loaded: this runs on every read an approver makes.
    const scope = 'customerId' in subject ? [subject.customerId] : everInGroup(this.reads, subject.groupId);
    const book = loadAsOfBook(this.reads, this.options.today(), scope);
    const customerIds = 'customerId' in subject ? [subject.customerId] : (book.members.get(subject.groupId) ?? []);
    return customerIds.some((customerId) =>
      limitsOfCustomer(book, customerId).some((limit) => awaitsDecision(limit) && !samePerson(limit.requestedBy as string, userId)),
    );
  }

  /**
   * The breaches recorded (CapBreached without a later cure) as of the date that still hold on that date by the
   * same measure as inBreach: a breach cured by time alone (a limit expired, a declaration took effect) before
   * any command recorded its cure is left out. `since`, `measure` and `cap` are as the breach event recorded them.
   */
  breaches(asOf?: string): BreachReadModel[] {
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

  largeCreditReportForFiling(asOf: string): FilableLargeCreditReport {
    return filableRows(asOf, this.currentReportRows(asOf));
  }

  /**
   * The report's rows as the log says now: kept per quarter end (the dates filed and asked for again), else
   * from the whole book as of the date.
   */
  private currentReportRows(asOf: BusinessDate): CurrentLargeCreditRows {
    if (isQuarterEnd(asOf)) return this.keptReports.rowsOn(asOf, () => this.wholeBook(asOf));
    return currentRowsOfBook(this.wholeBook(asOf));
  }

  /** The report as of a date: the filed one (with any restatement) when that date was filed, else the current one. */
  largeCreditReport(query: LargeCreditQuery): LargeCreditReport {
    const asOf = this.dateOf(query.asOf);
    const unit = query.unit ?? 'yuan';
    const now = this.currentReportRows(asOf);
    const present = (rows: readonly FiledReportRow[]) => presentRows(rows, { threshold: query.threshold, unit, creditCodeOf: now.creditCodeOf });
    const current = filableRows(asOf, now);
    const filed = this.reads.filedReport.get(asOf);
    if (!filed) {
      const rows = present(current.rows);
      return { asOf, netCapital: netCapitalInUnit(current.netCapital, unit), unit, rows, members: reportMembers(now.membersOf, rows), filing: null, restated: false };
    }
    const filedRows = JSON.parse(filed.rows) as FiledReportRow[];
    const differences = reportDifferences({ netCapital: filed.net_capital, rows: filedRows }, current);
    const rows = present(filedRows);
    const report: LargeCreditReport = {
      asOf,
      netCapital: netCapitalInUnit(filed.net_capital, unit),
      unit,
      rows,
      members: [],
      filing: { position: filed.position.toString(), filedAt: filed.filed_at, filedBy: filed.filed_by },
      restated: differences.length > 0,
    };
    let shown = rows;
    if (report.restated) {
      const currentRows = present(current.rows);
      report.current = { netCapital: netCapitalInUnit(current.netCapital, unit), rows: currentRows };
      report.differences = differences;
      shown = [...rows, ...currentRows];
    }
    report.members = reportMembers(now.membersOf, shown);
    return report;
  }

  largeExposureReportForFiling(asOf: string): FilableG14Report {
    return filableG14Report(this.bookState(asOf), asOf);
  }

  /** The G14 report (domain.md section 8) as of a date: the filed one (with any restatement) when filed, else the current one. */
  largeExposureReport(query: G14Query): G14Report {
    const asOf = this.dateOf(query.asOf);
    return g14Report(this.largeExposureReportForFiling(asOf), this.reads.filedG14Report.get(asOf), query.unit ?? 'wan');
  }

  /**
   * Every row of every table in a fixed order, one line each: two projections of the same log must dump the
   * same text, whether built in one go or resumed after a crash (verify).
   */
  dump(): string {
    const lines: string[] = [];
    for (const [table, orderBy] of TABLE_ORDER) {
      for (const row of this.db.prepare(`SELECT * FROM ${table} ORDER BY ${orderBy}`).all()) {
        lines.push(`${table} ${JSON.stringify(row, (_, value) => (typeof value === 'bigint' ? value.toString() : value))}`);
      }
    }
    return lines.join('\n');
  }

  digest(): string {
    return createHash('sha256').update(this.dump()).digest('hex');
  }

  /**
   * The whole domain BookState as it stood on the date (as-of/book-state-on.ts), for the domain's own readers
   * that need more than the as-of book carries: the 2018 large-exposure measure.
   */
  bookState(asOf?: string): BookState {
    const date = this.dateOf(asOf);
    const key = `${date}@${this.applied ?? ''}`;
    if (this.cachedState?.key !== key) this.cachedState = { key, state: bookStateOn(this.reads, this.wholeBook(date)) };
    return this.cachedState.state;
  }

  /**
   * The domain BookState on the date of every customer these could reach through groups and economic dependence
   * (as-of/book-state-on.ts connectedScope): a 2018 subject's figures and connected group without the whole book.
   */
  connectedBookState(customerIds: readonly string[], asOf?: string): BookState {
    const scope = connectedScope(this.reads, customerIds);
    return bookStateOn(this.reads, loadAsOfBook(this.reads, this.dateOf(asOf), scope), scope);
  }

  private dateOf(asOf: string | undefined): BusinessDate {
    return asOf ?? this.options.today();
  }

  private wholeBook(date: BusinessDate): AsOfBook {
    const key = `${date}@${this.applied ?? ''}`;
    if (this.cached?.key !== key) this.cached = { key, book: loadAsOfBook(this.reads, date, 'all') };
    return this.cached.book;
  }

  private receive(event: RecordedEvent): void {
    const last = this.pending.length > 0 ? this.pending[this.pending.length - 1].position : this.applied;
    // Defensive: a store that redelivers must not make a balance count twice.
    if (last !== null && event.position <= last) return;
    this.pending.push(event);
    // Bounds what is held while catching up a long log (pages arrive faster than slices are applied).
    if (this.pending.length >= this.batchSize) this.flush();
    // A live page arrives in one synchronous burst: applied right after, a slice per macrotask.
    else this.flushSoon();
  }

  private flushSoon(): void {
    if (this.flushTimer === undefined) this.flushTimer = setImmediate(() => this.flushSlice());
  }

  /** One slice in one transaction; the rest in the next macrotask, after whatever else is waiting (commands). */
  private flushSlice(): void {
    this.flushTimer = undefined;
    this.flush(this.sliceSize);
    if (this.pending.length > 0 && !this.closed && this.stoppedBy === undefined) this.flushSoon();
  }

  /** Applies the first `count` held events (all by default) and their checkpoint in one transaction. */
  private flush(count = Infinity): void {
    clearImmediate(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0 || this.closed) return;
    const batch = count >= this.pending.length ? this.pending : this.pending.slice(0, count);
    this.pending = batch === this.pending ? [] : this.pending.slice(batch.length);
    try {
      this.applyBatch(batch);
    } catch (error) {
      this.fail(error);
      return;
    }
    this.applied = batch[batch.length - 1].position;
    this.cached = undefined;
    this.cachedState = undefined;
    for (const waiter of this.waiters) if (this.applied >= waiter.position) this.settle(waiter, true);
  }

  private fail(error: unknown): void {
    if (this.stoppedBy !== undefined) return;
    this.stoppedBy = error;
    this.pending = [];
    this.subscription?.unsubscribe();
    (this.options.onError ?? ((e: unknown) => console.error('projection stopped:', e)))(error);
    this.failStart?.(error);
  }

  private settle(waiter: Waiter, reached: boolean): void {
    clearTimeout(waiter.timer);
    this.waiters.delete(waiter);
    waiter.resolve(reached);
  }
}

/** The current rows as a filing freezes them: net capital formatted, null when none was declared. */
function filableRows(asOf: BusinessDate, now: CurrentLargeCreditRows): FilableLargeCreditReport {
  return { asOf, netCapital: now.netCapital === undefined ? null : formatMoney(now.netCapital), rows: now.rows };
}
