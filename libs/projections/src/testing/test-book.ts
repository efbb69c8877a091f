import { randomUUID } from 'node:crypto';
import {
  BOOK_STREAM,
  BookCommand,
  BookEvent,
  BookState,
  EVENT_VERSIONS,
  Role,
  decide,
  evolveOn,
  initialBookState,
  isRefusal,
} from '@groupcap/domain';
import { EventStore, SqliteEventStore } from '@groupcap/event-store';

export type Actor = { userId: string; roles: readonly Role[] };

export const OFFICER: Actor = { userId: 'officer-1', roles: ['officer'] };
export const APPROVER: Actor = { userId: 'approver-1', roles: ['approver'] };
export const ADMIN: Actor = { userId: 'admin-1', roles: ['admin'] };
export const RISK: Actor = { userId: 'risk-1', roles: ['risk'] };

/**
 * Builds a realistic log for projection tests: each command is decided by the domain against the state of
 * everything before it (so breaches, group changes and refusals are the real ones) and appended to the
 * book stream with the metadata the writer would give it.
 */
export class TestBook {
  state: BookState = initialBookState;
  private revision = -1n;
  private recorded = 0;
  readonly store: EventStore;

  /**
   * The business date the book is at: each command is recorded on its effective date, or on the latest date
   * already reached when it is back-dated, as in a bank where time only moves forward.
   */
  today = '0000-01-01';

  constructor(options: { store?: EventStore } = {}) {
    this.store = options.store ?? new SqliteEventStore(':memory:', { pollIntervalMs: 5 });
  }

  /** Decides `command` with effective date `on`; a refusal fails the test. Returns the events recorded. */
  async run(command: BookCommand, on: string, by: Actor = OFFICER): Promise<BookEvent[]> {
    if (on > this.today) this.today = on;
    const decision = decide(command, this.state, { actor: by, effectiveDate: on, today: this.today });
    if (isRefusal(decision)) throw new Error(`${command.type} refused: ${decision.code} ${decision.message}`);
    await this.append(decision, on, by);
    return decision;
  }

  /** Appends events exactly as given (facts the domain does not decide yet, or a store-level test). */
  async append(events: readonly { type: string; data: unknown }[], on: string, by: Actor = OFFICER, stream = BOOK_STREAM): Promise<bigint> {
    const commandId = randomUUID();
    this.recorded += 1;
    const metadata = {
      commandId,
      correlationId: commandId,
      causationId: commandId,
      actor: { userId: by.userId, roles: [...by.roles] },
      recordedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, this.recorded)).toISOString(),
      effectiveDate: on,
    };
    const result = await this.store.append(
      stream,
      events.map((e) => ({ id: randomUUID(), type: e.type, version: EVENT_VERSIONS[e.type as BookEvent['type']] ?? 1, data: e.data, metadata })),
      stream !== BOOK_STREAM ? 'any' : this.revision < 0n ? 'no_stream' : this.revision,
    );
    if (stream === BOOK_STREAM) {
      this.revision = result.nextExpectedRevision;
      for (const e of events) if (e.type in EVENT_VERSIONS) this.state = evolveOn(on)(this.state, e as BookEvent);
    }
    return result.position;
  }

  // Shorthands for the commands most tests need; amounts are yuan strings.
  declareCapital(asOf: string, netCapital: string, on = asOf) {
    return this.run({ type: 'DeclareNetCapital', asOf, netCapital }, on, ADMIN);
  }

  register(customerId: string, name: string, on: string, kind: 'enterprise' | 'individual' = 'enterprise', creditCode?: string) {
    return this.run({ type: 'RegisterCustomer', customerId, name, kind, ...(creditCode === undefined ? {} : { creditCode }) }, on);
  }

  /** `from` holds `share` of `to`: more than half makes `from` control `to` (one group). */
  holds(relationId: string, from: string, to: string, share: string, on: string) {
    return this.run({ type: 'RecordRelation', relationId, from, to, relationType: 'equity', share }, on);
  }

  grant(
    limitId: string,
    customerId: string,
    amount: string,
    validFrom: string,
    validTo: string,
    on: string,
    extra: { branch?: string; riskClass?: 'standard' | 'low-risk' } = {},
  ) {
    return this.run({ type: 'GrantLimit', limitId, customerId, amount, validFrom, validTo, ...extra }, on);
  }

  draw(drawdownId: string, limitId: string, amount: string, product: string, on: string, margin?: string) {
    return this.run(
      { type: 'BookDrawdown', drawdownId, limitId, amount, product: product as never, ...(margin !== undefined && { margin }) },
      on,
    );
  }

  repay(drawdownId: string, amount: string, on: string) {
    return this.run({ type: 'BookRepayment', drawdownId, amount }, on);
  }

  async close(): Promise<void> {
    await this.store.close();
  }
}
