import { randomUUID } from 'node:crypto';
import { BOOK_STREAM } from '@groupcap/domain';
import { openSqliteEventStore } from '@groupcap/event-store';
import { ACTOR, TODAY, captureTemplate, pairWithHistory } from '../lib/book';
import { reportRun } from './big-book';

/**
 * `report_ms` context: a drawdown of 1,000,000.00 on pair `run`'s holding company, effective 2025-11-14
 * (back-dated into the quarter of the kept 2025-12-31) and recorded today, appended as the writer records one
 * (decided once by the domain on the pair's template), then one ask as reportRun: the kept date has one stale
 * customer, whose group is recomputed from a book loaded for its two members.
 */
export async function reportAfterBackDatedDrawdownRun(dir: string, run: number): Promise<{ ms: number; rows: number }> {
  const drawdown = captureTemplate((t) => [...pairWithHistory(t), { type: 'BookDrawdown', drawdownId: `PBD-${t}-${run}`, limitId: `PL-${t}-0`, amount: '1000000.00', product: 'loan' }]);
  const event = drawdown.instance(run, run + 1).at(-1) as { type: string; version: number; data: unknown };
  const store = openSqliteEventStore(dir);
  try {
    const commandId = randomUUID();
    const metadata = { commandId, correlationId: commandId, causationId: commandId, actor: ACTOR, recordedAt: `${TODAY}T02:00:00.000Z`, effectiveDate: '2025-11-14' };
    await store.append(BOOK_STREAM, [{ id: randomUUID(), ...event, metadata }], 'any');
  } finally {
    await store.close();
  }
  const { ms, rows } = await reportRun(dir);
  return { ms, rows };
}
