import { BookEvent, refuse } from '@groupcap/domain';
import { RecordedEvent } from '@groupcap/event-store';
import { IdempotencyIndex, RememberedCommand, commandBinding } from './idempotency-index';

const DAY = 24 * 60 * 60 * 1000;
const T0 = Date.parse('2026-03-31T02:00:00Z');
const refusal = refuse('LIMIT_NOT_FOUND', 'no such limit', { limitId: 'L-9' });
const command = (recordedAt: number, requestHash = 'h'): RememberedCommand => ({ requestHash, revision: 6n, eventCount: 1, pendingApproval: false, position: 7n, recordedAt });

const registered: BookEvent = { type: 'CustomerRegistered', data: { customerId: 'C1', name: 'A', kind: 'enterprise', creditCode: null } };
function recorded(key: string | undefined, recordedAt: string, commandId = 'cmd-1', position = 1n): RecordedEvent {
  return {
    id: `e-${position}`,
    streamId: 'book',
    revision: position - 1n,
    position,
    type: registered.type,
    version: 1,
    data: registered.data,
    metadata: {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { userId: 'u', roles: [] },
      recordedAt,
      effectiveDate: '2026-03-31',
      ...(key !== undefined && { idempotencyKey: key }),
      requestHash: 'h',
    },
  };
}

describe('IdempotencyIndex', () => {
  it('answers a key for exactly its retention, counted from when it was recorded', () => {
    const index = new IdempotencyIndex(7 * DAY);
    index.remember('u:a', command(T0));
    index.rememberRefusal('u:r', { requestHash: 'h', refusal, recordedAt: T0 });
    expect(index.answerFor('u:a', T0 + 7 * DAY)).toMatchObject({ kind: 'accepted', command: { position: 7n } });
    expect(index.answerFor('u:r', T0 + 7 * DAY)).toEqual({ kind: 'refused', refused: { requestHash: 'h', refusal, recordedAt: T0 } });
    expect(index.answerFor('u:a', T0 + 7 * DAY + 1)).toBeUndefined();
    expect(index.answerFor('u:r', T0 + 7 * DAY + 1)).toBeUndefined();
    expect(index.answerFor('u:other', T0)).toBeUndefined();
  });

  it('expire drops the expired keys and keeps the rest, so it does not grow without bound', () => {
    const index = new IdempotencyIndex(DAY);
    for (let i = 0; i < 100; i++) index.remember(`u:${i}`, command(T0 + i * 1000));
    for (let i = 0; i < 100; i++) index.rememberRefusal(`u:r${i}`, { requestHash: 'h', refusal, recordedAt: T0 + i * 1000 });
    index.expire(T0 + DAY + 49_500);
    expect(index.size).toBe(2 * 50);
    expect(index.answerFor('u:49', T0 + DAY)).toBeUndefined();
    expect(index.answerFor('u:50', T0 + DAY)).toBeDefined();
    index.expire(T0 + 2 * DAY);
    expect(index.size).toBe(0);
  });

  it('a key recorded again moves behind the others, so sweeping from the oldest never drops it early', () => {
    const index = new IdempotencyIndex(DAY);
    index.remember('u:a', command(T0));
    index.remember('u:b', command(T0 + 1000));
    index.remember('u:a', command(T0 + 2000));
    index.expire(T0 + DAY + 1500);
    expect(index.answerFor('u:a', T0 + DAY + 1500)).toBeDefined();
    expect(index.answerFor('u:b', T0 + DAY + 1500)).toBeUndefined();
  });

  it('prefers the earlier answer when a key was both accepted and refused', () => {
    const index = new IdempotencyIndex(DAY);
    index.remember('u:k', command(T0 + 5));
    index.rememberRefusal('u:k', { requestHash: 'h', refusal, recordedAt: T0 });
    expect(index.answerFor('u:k', T0 + 10)?.kind).toBe('refused');
    index.rememberRefusal('u:k', { requestHash: 'h', refusal, recordedAt: T0 + 9 });
    expect(index.answerFor('u:k', T0 + 10)?.kind).toBe('accepted');
  });

  it('rebuilds accepted keys from the log, skipping those already expired', () => {
    const index = new IdempotencyIndex(7 * DAY);
    const now = Date.parse('2026-04-08T00:00:00Z');
    index.observe(recorded('u:old', '2026-03-31T23:59:59.999Z', 'cmd-old', 1n), registered, now);
    index.observe(recorded('u:new', '2026-04-01T00:00:00.000Z', 'cmd-new', 2n), registered, now);
    expect(index.answerFor('u:old', now)).toBeUndefined();
    expect(index.answerFor('u:new', now)).toMatchObject({ kind: 'accepted', command: { position: 2n, recordedAt: Date.parse('2026-04-01T00:00:00Z') } });
    // Each command's id is bound as well, and expires with it: the key u:new and the id cmd-new are left.
    expect(index.commandFor('cmd-old', now)).toBeUndefined();
    expect(index.commandFor('cmd-new', now)).toMatchObject({ requestHash: commandBinding('u', 'h'), position: 2n, binds: 'command-id' });
    expect(index.size).toBe(2);
  });

  it('does not bind a command id the writer made: only the key is remembered', () => {
    const index = new IdempotencyIndex(7 * DAY);
    const now = Date.parse('2026-04-01T00:00:00Z');
    const keyed = recorded('u:k', '2026-03-31T10:00:00.000Z', 'writer-made', 1n);
    index.observe({ ...keyed, metadata: { ...keyed.metadata, commandIdBy: 'writer' } }, registered, now);
    expect(index.answerFor('u:k', now)).toMatchObject({ kind: 'accepted', command: { commandId: 'writer-made', position: 1n } });
    expect(index.commandFor('writer-made', now)).toBeUndefined();
    expect(index.size).toBe(1);
  });

  it('restores a snapshot without its expired keys', () => {
    const restored = IdempotencyIndex.restore([['u:old', command(T0)], ['u:new', command(T0 + DAY)]], DAY, T0 + DAY + 1);
    expect(restored.entries().map(([key]) => key)).toEqual(['u:new']);
  });

  describe('client command ids', () => {
    const binding = commandBinding('u', 'h');

    it('binds a command id for exactly the retention, like a key, and apart from the keys', () => {
      const index = new IdempotencyIndex(7 * DAY);
      index.rememberCommand('cmd-1', { ...command(T0, binding) });
      expect(index.commandFor('cmd-1', T0 + 7 * DAY)).toEqual({ ...command(T0, binding), commandId: 'cmd-1', binds: 'command-id' });
      expect(index.commandFor('cmd-1', T0 + 7 * DAY + 1)).toBeUndefined();
      // The two namespaces never meet: a key spelled like the id is not the id.
      expect(index.answerFor('cmd-1', T0)).toBeUndefined();
      index.remember('u:k', command(T0));
      expect(index.commandFor('u:k', T0)).toBeUndefined();
    });

    it('rebuilds the binding of a command recorded without a key from the log, all its events under one entry', () => {
      const index = new IdempotencyIndex(7 * DAY);
      const now = Date.parse('2026-04-01T00:00:00Z');
      const first = recorded(undefined, '2026-03-31T10:00:00.000Z', 'cmd-1', 1n);
      index.observe(first, registered, now);
      index.observe({ ...first, id: 'e-2', revision: 1n, position: 2n }, registered, now);
      expect(index.commandFor('cmd-1', now)).toMatchObject({ requestHash: binding, position: 2n, revision: 0n, eventCount: 2 });
      expect(index.answerFor('cmd-1', now)).toBeUndefined();
      // The same id recorded again later (its binding had expired by then) is another command: the later one wins.
      index.observe(recorded(undefined, '2026-03-31T11:00:00.000Z', 'cmd-1', 3n), registered, now);
      expect(index.commandFor('cmd-1', now)).toMatchObject({ position: 3n, revision: 2n, eventCount: 1 });
      expect(index.size).toBe(1);
    });

    it('expire sweeps command ids too, and a snapshot carries them back, marked, without the expired ones', () => {
      const index = new IdempotencyIndex(DAY);
      index.remember('u:k', command(T0 + DAY));
      index.rememberCommand('cmd-old', command(T0, binding));
      index.rememberCommand('cmd-new', command(T0 + DAY, binding));
      const restored = IdempotencyIndex.restore(index.entries(), DAY, T0 + DAY + 1);
      expect(restored.entries()).toEqual([
        ['u:k', command(T0 + DAY)],
        ['cmd-new', { ...command(T0 + DAY, binding), commandId: 'cmd-new', binds: 'command-id' }],
      ]);
      expect(restored.commandFor('cmd-new', T0 + DAY + 1)).toBeDefined();
      expect(restored.answerFor('cmd-new', T0 + DAY + 1)).toBeUndefined();
      index.expire(T0 + DAY + 1);
      expect(index.size).toBe(2);
      index.expire(T0 + 2 * DAY + 1);
      expect(index.size).toBe(0);
    });
  });
});
