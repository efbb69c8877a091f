import { BOOK_STREAM, BookCommand, Role } from '@groupcap/domain';
import {
  AppendOptions,
  AppendResult,
  EventStore,
  ExpectedRevision,
  IdempotencyRecordsNotWrittenError,
  NewEvent,
  ReadStreamOptions,
  RecordedEvent,
  SqliteEventStore,
  StoreUnavailableError,
  WrongExpectedRevisionError,
} from '@groupcap/event-store';
import { BookWriter, WriterUnavailableError } from './book-writer';

const officer = { userId: 'officer-1', roles: ['officer'] as Role[] };
const register = (customerId: string, name = customerId): BookCommand => ({ type: 'RegisterCustomer', customerId, name, kind: 'enterprise' });

/** A real store whose next calls can be made to fail, like EventStoreDB losing its leader mid-batch. */
class FlakyStore implements EventStore {
  failNextRead: Error | undefined;
  failNextAppend: Error | undefined;
  /** Like EventStoreDB losing its leader between the book's append and the records' one. */
  failNextRecords: Error | undefined;
  /** EventStoreDB reports only the last position of an append: drop the per-event ones. */
  dropPositions = false;
  constructor(readonly inner: SqliteEventStore) {}
  get idempotencyRecords() {
    return this.inner.idempotencyRecords;
  }
  async append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision, options?: AppendOptions): Promise<AppendResult> {
    const failure = this.failNextAppend;
    this.failNextAppend = undefined;
    if (failure) throw failure;
    const recordsFailure = options?.idempotencyRecords?.length ? this.failNextRecords : undefined;
    if (recordsFailure) {
      this.failNextRecords = undefined;
      throw new IdempotencyRecordsNotWrittenError(await this.inner.append(stream, events, expected), recordsFailure);
    }
    const result = await this.inner.append(stream, events, expected, options);
    return this.dropPositions ? { nextExpectedRevision: result.nextExpectedRevision, position: result.position } : result;
  }
  async *readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    const failure = this.failNextRead;
    this.failNextRead = undefined;
    if (failure) throw failure;
    yield* this.inner.readStream(stream, options);
  }
  readAll(...args: Parameters<EventStore['readAll']>) {
    return this.inner.readAll(...args);
  }
  subscribeToAll(...args: Parameters<EventStore['subscribeToAll']>) {
    return this.inner.subscribeToAll(...args);
  }
  headPosition() {
    return this.inner.headPosition();
  }
  close() {
    return this.inner.close();
  }
}

async function readBook(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(BOOK_STREAM)) events.push(e);
  return events;
}

describe('BookWriter when the store fails', () => {
  let store: FlakyStore;
  let writer: BookWriter;
  beforeEach(async () => {
    store = new FlakyStore(new SqliteEventStore(':memory:'));
    writer = new BookWriter(store, { today: () => '2026-03-31' });
    await writer.start();
  });
  afterEach(async () => {
    await writer.stop();
    await store.close();
  });

  it('keeps its state in step with a durable append even when reading the positions back fails', async () => {
    store.dropPositions = true;
    store.failNextRead = new StoreUnavailableError('leader lost');
    const idempotency = { key: 'k1', requestHash: 'h1' };
    const first = await writer.submit({ command: register('C1'), actor: officer, idempotency });
    // Durable, so answered as accepted, with the batch's last position.
    expect(first).toMatchObject({ status: 'accepted', replayed: false });
    const again = await writer.submit({ command: register('C1'), actor: officer, idempotency });
    expect(again).toMatchObject({ status: 'accepted', replayed: true });
    expect(await writer.submit({ command: register('C1'), actor: officer })).toMatchObject({ status: 'refused', refusal: { code: 'CUSTOMER_EXISTS' } });
    expect((await readBook(store)).filter((e) => e.type === 'CustomerRegistered')).toHaveLength(1);
  });

  it('answers every caller when catching up after a conflict fails, and recovers afterwards', async () => {
    store.failNextAppend = new WrongExpectedRevisionError(BOOK_STREAM, 'no_stream', 0n);
    store.failNextRead = new StoreUnavailableError('leader lost');
    await expect(writer.submit({ command: register('C1'), actor: officer })).rejects.toBeInstanceOf(WriterUnavailableError);
    expect(await writer.submit({ command: register('C1'), actor: officer })).toMatchObject({ status: 'accepted' });
  });

  it('answers a repeated Idempotency-Key of a refused command with the same refusal, and refuses the key for another request', async () => {
    const idempotency = { key: 'k2', requestHash: 'h2' };
    const cancel: BookCommand = { type: 'CancelLimit', limitId: 'L-missing' };
    const first = await writer.submit({ command: cancel, actor: officer, idempotency });
    expect(first).toMatchObject({ status: 'refused', refusal: { code: 'LIMIT_NOT_FOUND' } });
    expect(await writer.submit({ command: cancel, actor: officer, idempotency })).toEqual(first);
    expect(await writer.submit({ command: register('C9'), actor: officer, idempotency: { key: 'k2', requestHash: 'other' } })).toEqual({
      status: 'idempotency-key-reused',
      key: 'k2',
    });
    expect(await readBook(store).catch(() => [])).toHaveLength(0);
  });

  it('answers the accepted commands of a batch whose refusals could not be recorded, and fails only those refusals', async () => {
    store.failNextRecords = new StoreUnavailableError('leader lost');
    const idempotency = { key: 'k3', requestHash: 'h3' };
    const cancel: BookCommand = { type: 'CancelLimit', limitId: 'L-missing' };
    const [accepted, refused, repeated] = await Promise.allSettled([
      writer.submit({ command: register('C1'), actor: officer }),
      writer.submit({ command: cancel, actor: officer, idempotency }),
      writer.submit({ command: cancel, actor: officer, idempotency }),
    ]);
    expect(accepted).toMatchObject({ status: 'fulfilled', value: { status: 'accepted' } });
    // Neither the refusal nor its repeat in the same batch is answered: it is not durable.
    expect(refused).toMatchObject({ status: 'rejected', reason: { name: 'WriterUnavailableError' } });
    expect(repeated).toMatchObject({ status: 'rejected', reason: { name: 'WriterUnavailableError' } });
    // Sent again, it is decided, recorded and answered.
    expect(await writer.submit({ command: cancel, actor: officer, idempotency })).toMatchObject({ status: 'refused', refusal: { code: 'LIMIT_NOT_FOUND' } });
    const records: unknown[] = [];
    for await (const record of store.idempotencyRecords.read(BOOK_STREAM)) records.push(record);
    expect(records).toHaveLength(1);
    expect((await readBook(store)).filter((e) => e.type === 'CustomerRegistered')).toHaveLength(1);
  });
});
