import { BookProjection } from '../projection/book.projection';
import { buildReportBook } from '../testing/report-scenario';
import { TestBook } from '../testing/test-book';

/**
 * An approver's work queue says what approving each request would make of its subject's comprehensive limit,
 * against the cap (domain.md sections 2 and 4). Net capital 1,000,000,000.00: a group's cap is 15% of it,
 * 150,000,000.00; a standalone customer's 10%, 100,000,000.00. Requests escalate above 66,000,000.00.
 */
describe('the approval outlook of a limit awaiting a decision', () => {
  it("a group member's pending renewal: the group's total with the renewed amount in place of the expired one", async () => {
    // Given the report book on 2025-03-31 (testing/report-scenario.ts): group G000001 = C-HP, C-HA, C-HB.
    //   LHP 40,000,000 + LHA 20,000,000 + LHB 5,000,000 (expired 03-15, carried forward while its renewal awaits)
    //   = 65,000,000 now; approved, LHB counts 8,000,000: 40,000,000 + 20,000,000 + 8,000,000 = 68,000,000,
    //   68,000,000 / 150,000,000 = 0.45333... -> "0.4533", within the cap.
    const book = await buildReportBook();
    const projection = new BookProjection(book.store, { today: () => '2025-04-10' });
    await projection.start();
    try {
      const [item] = (await projection.limits({ status: 'pending', limit: 50, asOf: '2025-03-31' })).items;
      expect(item.limitId).toBe('LHB');
      expect(item.ifApproved).toEqual({
        subjectType: 'group',
        groupId: 'G000001',
        customerId: null,
        comprehensiveLimit: '65000000.00',
        comprehensiveLimitIfApproved: '68000000.00',
        cap: '150000000.00',
        capUtilizationIfApproved: '0.4533',
        overCapIfApproved: false,
      });
      // When: approved on 04-03. Then: nothing awaits a decision, so no limit carries an outlook.
      expect((await projection.limits({ limit: 50 })).items.every((l) => l.ifApproved === null)).toBe(true);
    } finally {
      await projection.stop();
      await book.close();
    }
  });

  it('a standalone pending grant that another approval has since left without room: over the cap if approved', async () => {
    // Given C-Y standalone: LY1 70,000,000 asked on 01-05 (above 66,000,000, so it awaits an approver; within the
    // cap of 100,000,000 then), then LY2 50,000,000 granted at once (the pending LY1 does not count: 50,000,000).
    // When the queue is read: approving LY1 would make 50,000,000 + 70,000,000 = 120,000,000 > 100,000,000,
    // 120,000,000 / 100,000,000 = "1.2000": the write model would refuse it (CUSTOMER_CAP_EXCEEDED).
    const book = new TestBook();
    await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
    await book.register('C-Y', 'Yangtze Paper', '2025-01-02');
    const asked = await book.grant('LY1', 'C-Y', '70000000', '2025-01-01', '2025-12-31', '2025-01-05');
    expect(asked[0].type).toBe('LimitRequested');
    await book.grant('LY2', 'C-Y', '50000000', '2025-01-01', '2025-12-31', '2025-01-06');
    const projection = new BookProjection(book.store, { today: () => '2025-01-06' });
    await projection.start();
    try {
      expect((await projection.limits({ status: 'pending', limit: 50 })).items.map((l) => [l.limitId, l.ifApproved])).toEqual([
        [
          'LY1',
          {
            subjectType: 'customer',
            groupId: null,
            customerId: 'C-Y',
            comprehensiveLimit: '50000000.00',
            comprehensiveLimitIfApproved: '120000000.00',
            cap: '100000000.00',
            capUtilizationIfApproved: '1.2000',
            overCapIfApproved: true,
          },
        ],
      ]);
    } finally {
      await projection.stop();
      await book.close();
    }
  });
});
