import { Subject, capOf, formatMoney, measuresOf } from '@groupcap/domain';
import { BookProjection } from './book.projection';
import { buildReportBook } from '../testing/report-scenario';

/** Read as of today, the projection must measure every subject as the writer's own state does. */
describe('projection and write model', () => {
  it('agree on every subject today', async () => {
    const book = await buildReportBook();
    const today = '2025-04-10';
    const projection = new BookProjection(book.store, { today: () => today });
    await projection.start();
    const rows = (await projection.largeCreditReport({ asOf: today })).rows;
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const subject: Subject = row.groupId ? { subjectType: 'group', groupId: row.groupId } : { subjectType: 'customer', customerId: row.customerId as string };
      const measures = measuresOf(book.state, subject, today);
      expect([row.comprehensiveLimit, row.exposure, row.outstanding]).toEqual([
        formatMoney(measures.limit),
        formatMoney(measures.exposure),
        formatMoney(measures.outstanding),
      ]);
      if (row.groupId) expect(projection.group(row.groupId)?.cap).toBe(formatMoney(capOf(book.state, subject, today)!.cap));
    }
    await projection.stop();
    await book.close();
  });
});
