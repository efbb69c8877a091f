import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A typical event as the store writes it: data and metadata of a drawdown. */
export const SAMPLE_EVENT = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  type: 'DrawdownBooked',
  version: 1,
  data: { drawdownId: 'X1-123456', limitId: 'L-000123-4', customerId: 'C-000123-4', product: 'loan', amount: '1000.00', margin: '0.00', exposure: '1000.00' },
  metadata: {
    commandId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    correlationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    causationId: '7c9e6679-7425-40de-944b-e07fc1f90ae7',
    actor: { userId: 'bench', roles: ['officer'] },
    recordedAt: '2026-05-15T02:00:00.000Z',
    effectiveDate: '2026-05-15',
  },
};

/**
 * What this machine can do, measured first: raw better-sqlite3 appends (WAL, synchronous=FULL, 100 rows per
 * transaction, so one fsync per 100 rows) into a table shaped like the event log.
 */
export function calibrateSqlite(seconds: number): number {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-calibration-'));
  const db = new Database(join(dir, 'calibration.db'));
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
    db.exec('CREATE TABLE events (position INTEGER PRIMARY KEY AUTOINCREMENT, event_id TEXT NOT NULL UNIQUE, type TEXT, data TEXT, metadata TEXT)');
    const insert = db.prepare('INSERT INTO events (event_id, type, data, metadata) VALUES (?, ?, ?, ?)');
    const data = JSON.stringify(SAMPLE_EVENT.data);
    const metadata = JSON.stringify(SAMPLE_EVENT.metadata);
    let n = 0;
    const batch = db.transaction(() => {
      for (let i = 0; i < 100; i++) insert.run(`e${n++}`, 'DrawdownBooked', data, metadata);
    });
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) batch();
    return n / ((performance.now() - t0) / 1000);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** JSON.stringify then JSON.parse of that event, per second. */
export function calibrateJson(seconds: number): number {
  let n = 0;
  let sink = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < seconds * 1000) {
    for (let i = 0; i < 1000; i++) sink += (JSON.parse(JSON.stringify(SAMPLE_EVENT)) as { version: number }).version;
    n += 1000;
  }
  if (sink !== n) throw new Error('unreachable');
  return n / ((performance.now() - t0) / 1000);
}
