import {
  CancelledError,
  MaxAppendSizeExceededError,
  StreamNotFoundError as ClientStreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { Metadata, ServiceError } from '@grpc/grpc-js';
import {
  AppendTooLargeError,
  StoreUnavailableError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
} from '../event-store.errors';
import { isTransient, toStoreError } from './eventstoredb.error-mapping';

const grpcError = (code: number, details: string): ServiceError =>
  Object.assign(new Error(`${code} ${details}`), { code, details, metadata: new Metadata() });

describe('toStoreError', () => {
  it('maps a wrong expected version to WrongExpectedRevisionError with the actual revision', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'ledger', current: 7n, expected: 5n });
    expect(toStoreError(error, { streamId: 'ledger', expected: 5n })).toEqual(new WrongExpectedRevisionError('ledger', 5n, 7n));
    const missing = new WrongExpectedVersionError(undefined, { streamName: 'ledger', current: 'no_stream', expected: 0n });
    expect(toStoreError(missing, { streamId: 'ledger', expected: 0n })).toMatchObject({ actual: 'no_stream' });
  });

  it('maps a missing stream and an oversized append', () => {
    expect(toStoreError(new ClientStreamNotFoundError(undefined, 'ledger'), { streamId: 'ledger' })).toEqual(new StreamNotFoundError('ledger'));
    const tooLarge = toStoreError(MaxAppendSizeExceededError.fromMaxAppendSize(1000), { bytes: 1200 });
    expect(tooLarge).toBeInstanceOf(AppendTooLargeError);
    expect(tooLarge).toMatchObject({ bytes: 1200, maxBytes: 1000 });
  });

  it('maps a raw gRPC 14 UNAVAILABLE with no type, as arrives after a shutdown, to StoreUnavailableError', () => {
    const raw = grpcError(14, 'No connection established');
    expect(raw).not.toHaveProperty('type');
    const mapped = toStoreError(raw);
    expect(mapped).toBeInstanceOf(StoreUnavailableError);
    expect(mapped).toMatchObject({ cause: raw });
  });

  it('maps the client’s own unavailable and server-cancelled errors to StoreUnavailableError', () => {
    expect(toStoreError(new UnavailableError(grpcError(14, 'down')))).toBeInstanceOf(StoreUnavailableError);
    expect(toStoreError(new CancelledError(grpcError(1, 'Call cancelled')))).toBeInstanceOf(StoreUnavailableError);
  });

  it('leaves other errors alone, and does not take our own cancellation for an outage', () => {
    const bug = new TypeError('bad input');
    expect(toStoreError(bug)).toBe(bug);
    expect(isTransient(grpcError(1, 'Cancelled on client'))).toBe(false);
    expect(isTransient(grpcError(3, 'invalid argument'))).toBe(false);
  });
});
