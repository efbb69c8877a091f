import { BookState, Subject, connectedClientsOn, groupOn, inForce, measuresOf, outstandingOn, subjectOf } from '@groupcap/domain';
import { BookProjection } from '../projection/book.projection';
import { buildReportBook } from '../testing/report-scenario';

/**
 * The domain state the projection builds for a date must be the writer's book on that date, read through the
 * domain's own readers: who is grouped with whom, which relations are in force, every limit's and drawdown's
 * balance. The report book (testing/report-scenario.ts) has back-dated facts (LV granted 04-02 from 03-01,
 * DV1 back-dated to 03-20), an expiry (LK, LX on 02-28), a repayment (DX1 on 02-20) and a renewal approved 04-03.
 */
describe('bookStateOn: the whole book as it stood on a date', () => {
  const DATES = ['2025-01-02', '2025-01-20', '2025-02-20', '2025-03-10', '2025-03-20', '2025-03-31', '2025-04-10'];

  it.each(DATES)('agrees with the write model on %s', async (date) => {
    const book = await buildReportBook();
    // A relation removed later: in force on some dates only. C-N holds 10% of C-M from 02-01, removed 04-05.
    await book.holds('R-NM', 'C-N', 'C-M', '0.1', '2025-02-01');
    await book.run({ type: 'RemoveRelation', relationId: 'R-NM' }, '2025-04-05');
    await book.run({ type: 'RecordRelation', relationId: 'R-WX', from: 'C-W', to: 'C-X', relationType: 'economic-dependence' }, '2025-04-05');
    const projection = new BookProjection(book.store, { today: () => '2025-04-10' });
    await projection.start();
    try {
      const read: BookState = projection.bookState(date);
      const written = book.state;
      const customers = [...written.customers.keys()].filter((id) => (written.customers.get(id)?.since ?? '9999') <= date);
      expect([...read.customers.keys()].sort()).toEqual(customers.sort());
      for (const customerId of customers) {
        expect([customerId, read.customers.get(customerId)?.kind]).toEqual([customerId, written.customers.get(customerId)?.kind]);
        expect([customerId, read.groupOf.get(customerId)]).toEqual([customerId, groupOn(written, customerId, date)]);
        const subject: Subject = subjectOf(written, customerId, date);
        expect([customerId, measuresOf(read, subject, date)]).toEqual([customerId, measuresOf(written, subject, date)]);
        // The 2018 connected group: group members and economic dependence (C-W and C-X, from 04-05).
        expect([customerId, connectedClientsOn(read, customerId, date)]).toEqual([customerId, connectedClientsOn(written, customerId, date)]);
      }
      const relations = [...written.relations.values()].filter((r) => inForce(r, date)).map((r) => [r.relationId, r.relationType, r.from, r.to]);
      expect([...read.relations.values()].map((r) => [r.relationId, r.relationType, r.from, r.to])).toEqual(relations.sort());
      for (const drawdown of read.drawdowns.values()) {
        const original = written.drawdowns.get(drawdown.drawdownId)!;
        expect([drawdown.drawdownId, outstandingOn(drawdown, date), drawdown.margin, drawdown.covered, drawdown.product]).toEqual([
          drawdown.drawdownId,
          outstandingOn(original, date),
          original.margin,
          original.covered,
          original.product,
        ]);
      }
      const booked = [...written.drawdowns.values()].filter((d) => d.since <= date).map((d) => d.drawdownId);
      expect([...read.drawdowns.keys()].sort()).toEqual(booked.sort());
    } finally {
      await projection.stop();
      await book.close();
    }
  });

  /**
   * GET /breaches reads a 2018 subject with only the customers it could reach. Here C-W is tied to C-X (04-05) and
   * C-X to C-HA (04-06), which is in group G000001 with C-HP and C-HB: C-W's reach is those five, nothing else.
   */
  it.each(['2025-03-31', '2025-04-05', '2025-04-10'])('scoped to what a customer could reach, agrees with the write model for it on %s', async (date) => {
    const book = await buildReportBook();
    await book.run({ type: 'RecordRelation', relationId: 'R-WX', from: 'C-W', to: 'C-X', relationType: 'economic-dependence' }, '2025-04-05');
    await book.run({ type: 'RecordRelation', relationId: 'R-XH', from: 'C-X', to: 'C-HA', relationType: 'economic-dependence' }, '2025-04-06');
    const projection = new BookProjection(book.store, { today: () => '2025-04-10' });
    await projection.start();
    try {
      const written = book.state;
      for (const customerId of [...written.customers.keys()].filter((id) => (written.customers.get(id)?.since ?? '9999') <= date)) {
        const read: BookState = projection.connectedBookState([customerId], date);
        const subject: Subject = subjectOf(written, customerId, date);
        expect([customerId, measuresOf(read, subject, date)]).toEqual([customerId, measuresOf(written, subject, date)]);
        expect([customerId, connectedClientsOn(read, customerId, date)]).toEqual([customerId, connectedClientsOn(written, customerId, date)]);
      }
      expect([...projection.connectedBookState(['C-W'], date).customers.keys()].sort()).toEqual(['C-HA', 'C-HB', 'C-HP', 'C-W', 'C-X']);
      expect([...projection.connectedBookState(['C-K'], date).customers.keys()]).toEqual(['C-K']);
    } finally {
      await projection.stop();
      await book.close();
    }
  });
});
