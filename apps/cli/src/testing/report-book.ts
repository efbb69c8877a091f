import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BOOK_STREAM } from '@groupcap/domain';
import { EventStore, RecordedEvent, openSqliteEventStore } from '@groupcap/event-store';
import { buildReportBook } from '../../../../libs/projections/src/testing/report-scenario';
import { buildG14Book } from '../../../../libs/projections/src/testing/g14-scenario';
import { TestBook } from '../../../../libs/projections/src/testing/test-book';

/**
 * The projections' report book (libs/projections/src/testing/report-scenario.ts, figures worked out by hand
 * in large-credit.report.spec.ts), written to a store the CLI opens like the API would.
 */
export async function reportBookIn(store: EventStore): Promise<void> {
  await buildReportBook(new TestBook({ store }));
}

/** A fresh DATA_DIR holding the report book (or another book: the G14 one) in its embedded store. */
export async function dataDirWithReportBook(build: (store: EventStore) => Promise<void> = reportBookIn): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-cli-'));
  const store = openSqliteEventStore(dir);
  try {
    await build(store);
  } finally {
    await store.close();
  }
  return dir;
}

/** The G14 book (libs/projections/src/testing/g14-scenario.ts, figures worked out by hand there). */
export async function g14BookIn(store: EventStore): Promise<void> {
  await buildG14Book(new TestBook({ store }));
}

export async function bookEvents(store: EventStore): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for await (const e of store.readStream(BOOK_STREAM)) events.push(e);
  return events;
}
