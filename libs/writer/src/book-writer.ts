import {
  BOOK_STREAM,
  BookCommand,
  BookEvent,
  BookState,
  EVENT_VERSIONS,
  decideAndEvolve,
  Refusal,
  initialBookState,
  awaitsApproval,
  isRefusal,
  upcast,
} from '@groupcap/domain';
import {
  AppendResult,
  EventStore,
  IdempotencyRecord,
  IdempotencyRecordLog,
  IdempotencyRecordsNotWrittenError,
  NewEvent,
  RecordedEvent,
  newEventId,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '@groupcap/event-store';
import { AcceptedEvent, CommandOutcome, CommandSubmission } from './command-submission';
import { DEFAULT_IDEMPOTENCY_RETENTION_MS, IdempotencyIndex, RememberedAnswer, RememberedCommand, RememberedRefusal, commandBinding } from './idempotency-index';
import { replayEvent } from './replay-event';
import { SnapshotStore } from './snapshot/snapshot.store';
import { WriterSnapshotter } from './snapshot/writer-snapshotter';

export interface BookWriterOptions {
  /** Today's business date (YYYY-MM-DD): the default effective date and the bound for future-dated commands. */
  today: () => string;
  clock?: () => Date;
  newId?: () => string;
  /** At most this many commands are decided and written in one group commit. */
  maxBatch?: number;
  /** How often a batch is re-decided after another writer got there first, before giving up. */
  maxConflictRetries?: number;
  streamId?: string;
  /** Start from the newest snapshot here and read only the log after it; save a new one every `snapshotEvery` events. */
  snapshots?: SnapshotStore;
  /** Events applied between two snapshots. Default 10,000. */
  snapshotEvery?: number;
  /** Told when a snapshot could not be saved or is not of this log; the writer carries on either way. Default: console.warn. */
  onSnapshotProblem?: (message: string, error?: unknown) => void;
  /** How often the writer looks for a new business day to review caps on, without commands. Default 60 s. */
  reviewCheckMs?: number;
  /**
   * How long an Idempotency-Key's first answer is given again, counted from when it was recorded by `clock`
   * (wall-clock time, not business date). Older keys are dropped from memory and from the store's
   * idempotency records, and a repeat is decided afresh. Default 7 days (api.md's promise).
   */
  idempotencyRetentionMs?: number;
}

/** How often (by `clock`) expired idempotency records are dropped from the store, besides once at start. */
const RECORDS_EXPIRY_EVERY_MS = 60 * 60 * 1000;
/**
 * A snapshot saved on the writer's thread takes a slice at least this often, even while commands keep coming: 2 ms
 * in 20 ms is at most a tenth of the thread, and a save of a whole book still ends under sustained load.
 */
const SLICE_AT_LEAST_EVERY_MS = 20;

/** An answer given earlier in the same batch, not yet durable; accepted ones are settled with their position. */
type AcceptedInBatch = { kind: 'accepted-in-batch'; lastEventId: string; requestHash: string; events: AcceptedEvent[]; pendingApproval: boolean };
type BatchAnswer = AcceptedInBatch | { kind: 'refused-in-batch'; refused: RememberedRefusal };

type Settler = (positions: ReadonlyMap<string, bigint>, fallback: bigint, recordsWritten: boolean) => void;

interface Queued {
  submission: CommandSubmission;
  resolve: (outcome: CommandOutcome) => void;
  reject: (error: unknown) => void;
  /** The writer's own review of a new day: decided with `since` when the writer knows its last review (reviewBasis). */
  dayReview?: true;
}

/** Thrown to callers when the writer cannot record their command (store down, lost the writer role repeatedly). */
export class WriterUnavailableError extends Error {
  constructor(message: string, override readonly cause?: unknown) {
    super(message);
    this.name = 'WriterUnavailableError';
  }
}

/**
 * The single writer of the credit book (architecture.md): commands queue, each is decided against fully
 * caught-up state, and a batch of them is appended in one write with the ledger's expected revision (group
 * commit: one fsync for the batch). Another writer on the same store makes the append fail with a revision
 * conflict; this writer then catches up and decides the whole batch again, so decisions never interleave.
 */
export class BookWriter {
  private state: BookState = initialBookState;
  /** Last revision of the book stream this writer has applied; -1 before the first event. */
  private revision = -1n;
  private lastPosition: bigint | null = null;
  /** Id of the event at `revision`: a snapshot records it so a restore can check it is of this log. */
  private lastEventId: string | null = null;
  private readonly snapshotter: WriterSnapshotter | undefined;
  private reviewedOn: string | null = null;
  /**
   * A business date on which, as this writer knows, a review of every subject would record nothing for its book: a
   * review of that date was written and every command written since was decided on that date too (each re-measured
   * what it touched on its today, caps/breach-reconciliation.ts). The next day's review is then decided with it as
   * `since` and measures only what time alone moved (caps/review-scope.ts). null when not known: a start without a
   * snapshot found reviewed, a command decided on another date, events of another writer; then the review is full.
   */
  private reviewBasis: string | null = null;
  private dayTimer: NodeJS.Timeout | undefined;
  private readonly queue: Queued[] = [];
  /** Waiting for the queue to be empty (whenIdle). */
  private readonly idleWaiters: (() => void)[] = [];
  private draining = false;
  private started = false;
  private idempotency: IdempotencyIndex;
  /** The store's durable record of refusals' keys, when it keeps one; else refusals are remembered in memory only. */
  private readonly records: IdempotencyRecordLog | undefined;
  /** Sequence of the last idempotency record read; undefined before the first. */
  private recordsCursor: bigint | undefined;
  private lastRecordsExpiry = Number.NEGATIVE_INFINITY;
  private readonly retentionMs: number;
  /**
   * Counters for /metrics and tests: batches written, batches re-decided after a revision conflict, and reviews
   * written, of every subject or since the last review (ReviewCaps.since).
   */
  readonly stats = { batches: 0, commands: 0, conflicts: 0, reviewsOfEverySubject: 0, reviewsSinceLast: 0 };
  private readonly clock: () => Date;
  private readonly newId: () => string;
  private readonly streamId: string;

  constructor(private readonly store: EventStore, private readonly options: BookWriterOptions) {
    this.clock = options.clock ?? (() => new Date());
    // Time-ordered (UUIDv7), so the store's unique index on event ids grows at its right edge (event-id.ts).
    this.newId = options.newId ?? newEventId;
    this.streamId = options.streamId ?? BOOK_STREAM;
    this.retentionMs = options.idempotencyRetentionMs ?? DEFAULT_IDEMPOTENCY_RETENTION_MS;
    if (!(this.retentionMs > 0)) throw new RangeError(`idempotencyRetentionMs must be positive, got ${this.retentionMs}`);
    this.idempotency = new IdempotencyIndex(this.retentionMs);
    this.records = store.idempotencyRecords;
    const onProblem = options.onSnapshotProblem ?? ((m: string, e?: unknown) => console.warn(`writer snapshot: ${m}`, e ?? ''));
    this.snapshotter =
      options.snapshots &&
      new WriterSnapshotter(options.snapshots, store, this.streamId, { every: options.snapshotEvery ?? 10_000, onProblem, between: () => this.whenIdle() });
  }

  /** Replays the ledger (from the newest usable snapshot, if any); commands are accepted once it resolves. */
  async start(): Promise<void> {
    const snapshot = await this.snapshotter?.restore();
    if (snapshot) {
      this.state = snapshot.state;
      this.revision = snapshot.revision;
      this.lastPosition = snapshot.position;
      this.lastEventId = snapshot.lastEventId;
      this.idempotency = IdempotencyIndex.restore(snapshot.idempotency, this.retentionMs, this.clock().getTime());
    }
    // The snapshot's book found reviewed on a date, and every event after it decided on that same date: each of those
    // re-measured what it touched on every date from its own up to its today (reconcileBreaches), so the book stays
    // reviewed on that date, as in a writer that never stopped. That date is the basis of the next review, even on a
    // later day; when it is today, the day's review is done. Any other event after the snapshot (another day's, or
    // one without `decidedOn`) and the full review runs before the first command, as on any new day.
    let basis = snapshot?.reviewedOn ?? null;
    await this.catchUp((recorded) => {
      if (recorded.metadata.decidedOn !== basis) basis = null;
    });
    if (basis !== null && basis === this.options.today()) this.reviewedOn = basis;
    this.reviewBasis = basis;
    await this.expireRecords();
    this.started = true;
    // The day's review at once rather than before the first command: that command is answered sooner, and the
    // snapshot saved after it says the book is reviewed, so a restart later that day need not review it again.
    this.queueReviewIfNewDay();
    if (this.queue.length > 0) this.kickDrain();
    else this.maybeSnapshot();
    this.dayTimer = setInterval(() => {
      this.queueReviewIfNewDay();
      if (this.queue.length > 0) this.kickDrain();
      // An idle writer still lets go of expired keys.
      const now = this.clock().getTime();
      this.idempotency.expire(now);
      if (now - this.lastRecordsExpiry >= RECORDS_EXPIRY_EVERY_MS) void this.expireRecords();
    }, this.options.reviewCheckMs ?? 60_000);
    this.dayTimer.unref();
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Read-only access for snapshots, diagnostics and tests; never mutated in place. */
  get currentState(): BookState {
    return this.state;
  }

  get position(): bigint | null {
    return this.lastPosition;
  }

  submit(submission: CommandSubmission): Promise<CommandOutcome> {
    if (!this.started) return Promise.reject(new WriterUnavailableError('the writer has not finished catching up with the log'));
    return new Promise((resolve, reject) => {
      this.queueReviewIfNewDay();
      this.queue.push({ submission, resolve, reject });
      this.kickDrain();
    });
  }

  /** Revision of the last snapshot saved or restored, or null. */
  get snapshotRevision(): bigint | null {
    return this.snapshotter?.revision ?? null;
  }

  /** Waits for queued commands to be written (and a snapshot being saved), then stops accepting new ones. */
  async stop(): Promise<void> {
    clearInterval(this.dayTimer);
    while (this.draining) await new Promise((r) => setTimeout(r, 5));
    this.started = false;
    await this.snapshotter?.close();
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.options.maxBatch ?? 512);
        await this.writeBatch(batch);
        // A batch settles through promise callbacks only, so without this the next batch would start before any
        // timer, I/O callback or projection slice ran: a backlog would hold the event loop until it was gone,
        // and requests arriving meanwhile would not even be read. One macrotask between batches bounds each
        // synchronous stretch to one batch, and what arrives meanwhile joins the next batch.
        if (this.queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      // writeBatch answers its callers itself; anything escaping it is a defect, reported rather than lost.
      console.error('groupcap writer: unexpected failure while draining the queue', error);
    } finally {
      this.draining = false;
      for (const idle of [...this.idleWaiters]) idle();
    }
  }

  /**
   * Resolves once no command is queued or being written (after a turn of the event loop, so requests that arrived
   * meanwhile are queued first), or after SLICE_AT_LEAST_EVERY_MS at the latest: a snapshot being saved on this
   * thread takes its next slice then, so it delays no command by more than one slice while the writer keeps up, and
   * still ends while the writer is never idle.
   */
  private whenIdle(): Promise<void> {
    return new Promise((resolve) => {
      setImmediate(() => {
        if (!this.draining && this.queue.length === 0) return resolve();
        const done = () => {
          clearTimeout(timer);
          const at = this.idleWaiters.indexOf(done);
          if (at >= 0) this.idleWaiters.splice(at, 1);
          resolve();
        };
        const timer = setTimeout(done, SLICE_AT_LEAST_EVERY_MS);
        this.idleWaiters.push(done);
      });
    });
  }

  private kickDrain(): void {
    if (this.draining) return;
    this.draining = true;
    // Let requests that arrive in the same turn join this batch.
    setImmediate(() => void this.drain());
  }

  /**
   * Time alone moves measures and caps (a limit expires, a declaration takes effect), so the first command of
   * each business day is preceded by a review of every subject as of today, and a timer starts one on days
   * without commands. It records events only where a breach begins or ends; nobody waits for its answer,
   * and if it cannot be written it is tried again with the next command.
   */
  private queueReviewIfNewDay(): void {
    const today = this.options.today();
    if (this.reviewedOn === today) return;
    this.reviewedOn = today;
    this.queue.unshift({
      submission: { command: { type: 'ReviewCaps' }, actor: { userId: 'system', roles: [] } },
      dayReview: true,
      resolve: () => undefined,
      reject: () => {
        if (this.reviewedOn === today) this.reviewedOn = null;
      },
    });
  }

  private async writeBatch(batch: Queued[]): Promise<void> {
    const retries = this.options.maxConflictRetries ?? 10;
    for (let attempt = 0; ; attempt++) {
      // Refusals another writer recorded (it held the role before this one) write nothing to the book, so no
      // revision conflict would tell: keys are looked up in the store's records before they are decided.
      if (this.records && batch.some((q) => q.submission.idempotency)) {
        const read = await this.readRecords().then(() => true, (error: unknown) => this.failBatch(batch, error));
        if (!read) return;
      }
      const plan = this.decideBatch(batch);
      const firstRevision = this.revision + 1n;
      let result: AppendResult | undefined;
      let recordsWritten = true;
      try {
        // Refusals' records go with the batch's events, in the same commit where the store can (SQLite: one
        // transaction, one fsync), and with the same expected revision even when the batch has no events.
        if (plan.events.length > 0 || plan.records.length > 0) {
          const expected = this.revision < 0n ? 'no_stream' : this.revision;
          const options = plan.records.length > 0 ? { idempotencyRecords: plan.records, idempotencyRecordsAfter: this.recordsCursor } : undefined;
          result = await this.store.append(this.streamId, plan.events, expected, options);
        }
      } catch (error) {
        if (error instanceof IdempotencyRecordsNotWrittenError) {
          // The events are durable, the refusals' records are not: answer the former, fail the latter.
          result = error.appended;
          recordsWritten = false;
        } else if (error instanceof WrongExpectedRevisionError && attempt < retries) {
          this.stats.conflicts++;
          // Two writers that keep meeting each other's appends would retry in lockstep until both give up (seen
          // under load with 10 retries): a random pause, growing with the attempts, lets one of them through first.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(64, 2 ** attempt)));
          const caughtUp = await this.catchUp().then(() => true, (catchUpError: unknown) => this.failBatch(batch, catchUpError));
          if (caughtUp) continue;
          return;
        } else {
          await this.failBatch(batch, error);
          return;
        }
      }
      // Durable from here on: state, revision and answers move together, whatever happens next.
      // Its own records need no reading back when nothing else was recorded since the last read.
      if (result?.idempotencyRecordsThrough !== undefined && recordsWritten) this.recordsCursor = result.idempotencyRecordsThrough;
      if (result && plan.events.length > 0) {
        this.revision = result.nextExpectedRevision;
        this.lastPosition = result.position;
        this.lastEventId = plan.events[plan.events.length - 1].id;
      }
      this.state = plan.state;
      this.reviewBasis = plan.reviewBasis;
      this.stats.reviewsOfEverySubject += plan.reviews.ofEverySubject;
      this.stats.reviewsSinceLast += plan.reviews.sinceLast;
      this.stats.batches++;
      this.stats.commands += batch.length;
      const positions = result && plan.events.length > 0 ? await this.positionsOf(plan.events, result, firstRevision) : new Map<string, bigint>();
      plan.settle(positions, this.lastPosition ?? 0n, recordsWritten);
      this.maybeSnapshot();
      return;
    }
  }

  /**
   * Each event's position: SQLite reports them with the append; EventStoreDB only the last, and positions are
   * sparse there, so they are read back once per batch. If that read fails the batch is still durable and is
   * answered with its last position, which is just as good for read-your-writes (minPosition).
   */
  private async positionsOf(events: readonly NewEvent[], result: AppendResult, firstRevision: bigint): Promise<Map<string, bigint>> {
    const positions = new Map<string, bigint>();
    if (result.positions) {
      result.positions.forEach((p, i) => positions.set(events[i].id, p));
      return positions;
    }
    try {
      for await (const e of this.store.readStream(this.streamId, { fromRevision: firstRevision, maxCount: events.length })) positions.set(e.id, e.position);
    } catch {
      positions.clear();
    }
    return positions;
  }

  /** Nothing of the batch is known to be durable: its callers get an error, and the state is re-read from the log. */
  private async failBatch(batch: Queued[], error: unknown): Promise<false> {
    const failure = new WriterUnavailableError(`the book could not be written: ${(error as Error).message}`, error);
    for (const q of batch) q.reject(failure);
    await this.catchUp().catch(() => undefined);
    return false;
  }

  /** Decides every command of the batch in order against the state the previous ones lead to. */
  private decideBatch(batch: Queued[]) {
    let state = this.state;
    let reviewBasis = this.reviewBasis;
    const reviews = { ofEverySubject: 0, sinceLast: 0 };
    const events: NewEvent[] = [];
    const records: IdempotencyRecord[] = [];
    const settlers: Settler[] = [];
    const now = this.clock().getTime();
    this.idempotency.expire(now);
    const batchAnswers = new Map<string, BatchAnswer>();
    /** Command ids bound earlier in this batch (keyed by the id), so two new commands with one id are caught here too. */
    const batchCommands = new Map<string, AcceptedInBatch>();
    for (const q of batch) {
      const { submission } = q;
      const idem = submission.idempotency && { key: `${submission.actor.userId}:${submission.idempotency.key}`, hash: submission.idempotency.requestHash, clientKey: submission.idempotency.key };
      const earlier = idem && (this.idempotency.answerFor(idem.key, now) ?? batchAnswers.get(idem.key));
      if (idem && earlier) {
        settlers.push(this.repeatSettler(q, idem.hash, earlier, { status: 'idempotency-key-reused', key: idem.clientKey }));
        continue;
      }
      // A client's command id names one command: once recorded (within the retention), a repeat is that command
      // again, anything else a conflict. Checked after the key, whose first answer comes first.
      const bound = submission.commandId !== undefined && submission.requestHash !== undefined
        ? { id: submission.commandId, requestHash: submission.requestHash, hash: commandBinding(submission.actor.userId, submission.requestHash) }
        : undefined;
      const recordedAs = bound && this.idempotency.commandFor(bound.id, now);
      const named: RememberedAnswer | AcceptedInBatch | undefined = recordedAs ? { kind: 'accepted', command: recordedAs } : bound && batchCommands.get(bound.id);
      if (bound && named) {
        settlers.push(this.repeatSettler(q, bound.hash, named, { status: 'command-id-reused', commandId: bound.id }));
        continue;
      }
      const today = this.options.today();
      const ctx = { actor: submission.actor, effectiveDate: submission.effectiveDate ?? today, today };
      const command: BookCommand = q.dayReview && reviewBasis !== null ? { type: 'ReviewCaps', since: reviewBasis } : submission.command;
      let decided: ReturnType<typeof decideAndEvolve>;
      try {
        decided = decideAndEvolve(command, state, ctx);
      } catch (error) {
        // A defect in deciding one command must not take the rest of the batch down with it.
        settlers.push(() => q.reject(error));
        continue;
      }
      if (isRefusal(decided)) {
        const refusal = decided;
        if (!idem) {
          settlers.push(() => q.resolve({ status: 'refused', refusal }));
          continue;
        }
        const recordedAt = this.clock();
        const refused: RememberedRefusal = { requestHash: idem.hash, refusal, recordedAt: recordedAt.getTime() };
        batchAnswers.set(idem.key, { kind: 'refused-in-batch', refused });
        // The whole outcome, so a repeat after a restart is given exactly what the first request was.
        if (this.records) records.push({ key: idem.key, requestHash: idem.hash, recordedAt: recordedAt.toISOString(), answer: { status: 'refused', refusal } });
        settlers.push((_positions, _fallback, recordsWritten) => {
          // A refusal is answered only once it is durable (or when the store keeps no records at all).
          if (this.records && !recordsWritten) return q.reject(new WriterUnavailableError('the refusal could not be recorded; send the request again'));
          this.idempotency.rememberRefusal(idem.key, refused);
          q.resolve({ status: 'refused', refusal });
        });
        continue;
      }
      const decision = decided.events;
      state = decided.state;
      // A review of every subject (or the writer's own, since its basis) leaves the book reviewed on its today; any
      // other command keeps it so only when decided on that same date. A refusal writes nothing and changes nothing.
      const reviewsAll = command.type === 'ReviewCaps' && (command.since === undefined || q.dayReview === true) && ctx.effectiveDate === today;
      reviewBasis = reviewsAll || reviewBasis === today ? today : null;
      if (command.type === 'ReviewCaps') reviews[command.since === undefined ? 'ofEverySubject' : 'sinceLast']++;
      const commandId = submission.commandId ?? this.newId();
      const recordedAt = this.clock().toISOString();
      // Recorded with the events, so the command id's binding (as the key's) is rebuilt from the log on start.
      const requestHash = idem?.hash ?? bound?.requestHash;
      const metadata = {
        commandId,
        correlationId: submission.correlationId ?? commandId,
        causationId: commandId,
        actor: { userId: submission.actor.userId, roles: [...submission.actor.roles] },
        recordedAt,
        effectiveDate: ctx.effectiveDate,
        decidedOn: today,
        ...(idem && { idempotencyKey: idem.key }),
        ...(requestHash !== undefined && { requestHash }),
        ...(requestHash !== undefined && !bound && { commandIdBy: 'writer' as const }),
      };
      // The batch is appended from the revision after this writer's, so the command's events are at these revisions.
      const revision = this.revision + 1n + BigInt(events.length);
      let lastId = '';
      for (const event of decision) {
        lastId = this.newId();
        events.push({ id: lastId, type: event.type, version: EVENT_VERSIONS[event.type], data: event.data, metadata });
      }
      const accepted = acceptedEvents(decision);
      const pendingApproval = decision.some(awaitsApproval);
      if (idem) batchAnswers.set(idem.key, { kind: 'accepted-in-batch', lastEventId: lastId, requestHash: idem.hash, events: accepted, pendingApproval });
      // Only a client's own command id is remembered (`bound`): no client sent the one the writer makes.
      if (bound) batchCommands.set(commandId, { kind: 'accepted-in-batch', lastEventId: lastId, requestHash: bound.hash, events: accepted, pendingApproval });
      settlers.push((positions, fallback) => {
        const position = positions.get(lastId) ?? fallback;
        const at = Date.parse(recordedAt);
        const eventCount = decision.length;
        if (idem) this.idempotency.remember(idem.key, { requestHash: idem.hash, revision, eventCount, pendingApproval, position, commandId, recordedAt: at });
        if (bound) this.idempotency.rememberCommand(commandId, { requestHash: bound.hash, revision, eventCount, pendingApproval, position, recordedAt: at });
        q.resolve({ status: 'accepted', position, events: accepted, pendingApproval, replayed: false });
      });
    }
    return {
      state,
      reviewBasis,
      reviews,
      events,
      records,
      settle: (positions: ReadonlyMap<string, bigint>, fallback: bigint, recordsWritten: boolean) => settlers.forEach((s) => s(positions, fallback, recordsWritten)),
    };
  }

  /**
   * A key answered before, or a command id naming a recorded command (earlier, or earlier in this batch): the
   * same answer for the same request (`requestHash`: a key's hash, or a command id's commandBinding()), else
   * `reused`, the conflict.
   */
  private repeatSettler(q: Queued, requestHash: string, earlier: RememberedAnswer | BatchAnswer, reused: CommandOutcome): Settler {
    return (positions, fallback, recordsWritten) => {
      switch (earlier.kind) {
        case 'refused-in-batch':
        case 'refused':
          // Refused earlier in this batch but not made durable, so not answered: neither is its repeat.
          if (earlier.kind === 'refused-in-batch' && this.records && !recordsWritten) {
            return q.reject(new WriterUnavailableError('the refusal could not be recorded; send the request again'));
          }
          return q.resolve(earlier.refused.requestHash === requestHash ? { status: 'refused', refusal: earlier.refused.refusal } : reused);
        case 'accepted': {
          const c = earlier.command;
          if (c.requestHash !== requestHash) return q.resolve(reused);
          return void this.eventsOf(c).then(
            (events) => q.resolve({ status: 'accepted', position: c.position ?? fallback, events, pendingApproval: c.pendingApproval, replayed: true }),
            (error: unknown) => q.reject(new WriterUnavailableError(`the first answer could not be read back: ${(error as Error).message}`, error)),
          );
        }
        case 'accepted-in-batch': {
          const position = positions.get(earlier.lastEventId) ?? fallback;
          return q.resolve(
            earlier.requestHash === requestHash ? { status: 'accepted', position, events: earlier.events, pendingApproval: earlier.pendingApproval, replayed: true } : reused,
          );
        }
      }
    };
  }

  /**
   * A recorded command's events, read back from the log where its entry says they are (RememberedCommand), in the
   * shape the first answer gave them: upcast to the current version, as a restart's replay remembers them.
   */
  private async eventsOf(command: RememberedCommand): Promise<AcceptedEvent[]> {
    if (command.eventCount === 0) return [];
    const events: BookEvent[] = [];
    for await (const recorded of this.store.readStream(this.streamId, { fromRevision: command.revision, maxCount: command.eventCount })) {
      // Never another command's events as this one's answer.
      if (command.commandId !== undefined && recorded.metadata.commandId !== command.commandId) break;
      events.push(upcast(recorded.type, recorded.version, recorded.data));
    }
    if (events.length !== command.eventCount) throw new Error(`the log does not hold the ${command.eventCount} events of command ${command.commandId ?? '(no id)'} at revision ${command.revision}`);
    return acceptedEvents(events);
  }

  /** Applies every ledger event after the current revision, and reads the new idempotency records (at start, and after another writer wrote). */
  private async catchUp(seen?: (recorded: RecordedEvent) => void): Promise<void> {
    const now = this.clock().getTime();
    try {
      for await (const recorded of this.store.readStream(this.streamId, { fromRevision: this.revision + 1n })) {
        this.apply(recorded, now);
        // Events this writer did not decide here and now (another writer's, or a batch whose append failed): the
        // book stays reviewed on its basis only if they were decided on that date too.
        if (recorded.metadata.decidedOn !== this.reviewBasis) this.reviewBasis = null;
        seen?.(recorded);
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    await this.readRecords();
  }

  private apply(recorded: RecordedEvent, now: number): void {
    this.state = replayEvent(this.state, recorded, this.idempotency, now);
    this.revision = recorded.revision;
    this.lastPosition = recorded.position;
    this.lastEventId = recorded.id;
  }

  /** Remembers the refusals recorded since the last read, by this writer or another one on the same store. */
  private async readRecords(): Promise<void> {
    if (!this.records) return;
    const now = this.clock().getTime();
    for await (const record of this.records.read(this.streamId, { afterSequence: this.recordsCursor })) {
      this.recordsCursor = record.sequence;
      const refusal = refusalIn(record.answer);
      const recordedAt = Date.parse(record.recordedAt);
      // Not an answer this writer gives (another program's record), or one past its retention: nothing to repeat.
      if (!refusal || Number.isNaN(recordedAt) || !this.idempotency.keeps(recordedAt, now)) continue;
      this.idempotency.rememberRefusal(record.key, { requestHash: record.requestHash, refusal, recordedAt });
    }
  }

  /** Drops the store's idempotency records past the retention; a failure is retried at the next check. */
  private async expireRecords(): Promise<void> {
    if (!this.records) return;
    const now = this.clock();
    this.lastRecordsExpiry = now.getTime();
    try {
      await this.records.expire(this.streamId, this.retentionMs, now);
    } catch (error) {
      this.lastRecordsExpiry = Number.NEGATIVE_INFINITY;
      console.warn('groupcap writer: could not drop expired idempotency records; trying again later', error);
    }
  }

  /** Saves a snapshot when enough events were applied since the last one (never on the command path). */
  private maybeSnapshot(): void {
    if (!this.snapshotter) return;
    this.snapshotter.maybeSave(
      () => {
        const { lastEventId, lastPosition: position, revision, state, reviewBasis } = this;
        if (lastEventId === null || position === null) return undefined;
        const take = () => ({
          streamId: this.streamId,
          revision,
          position,
          lastEventId,
          state,
          idempotency: this.idempotency.entries(),
          // What this writer knows of its book (reviewBasis), so a restart on that day need not review it again.
          ...(reviewBasis !== null && { reviewedOn: reviewBasis }),
        });
        return { revision, reviewedOn: reviewBasis, take };
      },
      () => {
        if (this.started) this.maybeSnapshot();
      },
    );
  }

  /** Resolves once no snapshot is being saved (shutdown, tests). */
  async snapshotSettled(): Promise<void> {
    await this.snapshotter?.settled();
  }
}

/** The refusal in a stored answer ({ status: 'refused', refusal }), or undefined for anything else. */
function refusalIn(answer: unknown): Refusal | undefined {
  const outcome = answer as { status?: unknown; refusal?: unknown } | null;
  return typeof outcome === 'object' && outcome !== null && outcome.status === 'refused' && isRefusal(outcome.refusal) ? outcome.refusal : undefined;
}

function acceptedEvents(events: readonly BookEvent[]): AcceptedEvent[] {
  return events.map((e) => ({ type: e.type, version: EVENT_VERSIONS[e.type], data: e.data as Record<string, unknown> }));
}
