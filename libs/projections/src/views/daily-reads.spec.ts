import * as asOfBook from '../as-of/as-of-book';
import { BookProjection } from '../projection/book.projection';
import { buildReportBook } from '../testing/report-scenario';
import { TestBook } from '../testing/test-book';
import { InvalidCursorError } from './paging';

/**
 * The reads of officers, approvers and admins over the report book (testing/report-scenario.ts): limit ids in order
 * are LHA, LHB, LHP, LK, LM, LN, LV (in force from 04-02's grant), LW, LX. LHB (C-HB, 5,000,000 to 03-15) has a
 * renewal to 8,000,000 asked by officer-1 on 03-10, approved by approver-1 on 04-03.
 */
describe('daily reads: limits, customers, policy, capital', () => {
  let book: TestBook;
  let projection: BookProjection;
  /** The same log read on 2025-03-31, while LHB's renewal awaits a decision. */
  let inMarch: BookProjection;

  beforeAll(async () => {
    book = await buildReportBook();
    projection = new BookProjection(book.store, { today: () => '2025-04-10' });
    inMarch = new BookProjection(book.store, { today: () => '2025-03-31' });
    await Promise.all([projection.start(), inMarch.start()]);
  });

  afterAll(async () => {
    await Promise.all([projection.stop(), inMarch.stop()]);
    await book.close();
  });

  it("lists the approver's work queue: grants and renewals awaiting a decision, with who asked", async () => {
    const queue = await projection.limits({ status: 'pending', limit: 50, asOf: '2025-03-31' });
    // LHB expired on 03-15 and its renewal awaits: status expired, but in the queue.
    expect(queue).toEqual({
      items: [
        expect.objectContaining({
          limitId: 'LHB',
          customerId: 'C-HB',
          amount: '5000000.00',
          status: 'expired',
          requestedBy: 'officer-1',
          pendingRenewal: { amount: '8000000.00', validTo: '2025-12-31', requestedBy: 'officer-1' },
        }),
      ],
      next: null,
    });
    // Approved on 04-03: the queue is empty after it, and LHB is active at 8,000,000.
    expect((await projection.limits({ status: 'pending', limit: 50, asOf: '2025-04-05' })).items).toEqual([]);
    expect((await projection.limits({ customerId: 'C-HB', limit: 50, asOf: '2025-04-05' })).items).toEqual([
      expect.objectContaining({ limitId: 'LHB', amount: '8000000.00', status: 'active', requestedBy: null, pendingRenewal: null }),
    ]);
  });

  it('pages limits by id with a cursor, filtered by status', async () => {
    const first = await projection.limits({ limit: 4 });
    expect(first.items.map((l) => l.limitId)).toEqual(['LHA', 'LHB', 'LHP', 'LK']);
    const second = await projection.limits({ limit: 4, cursor: first.next as string });
    expect(second.items.map((l) => l.limitId)).toEqual(['LM', 'LN', 'LV', 'LW']);
    const last = await projection.limits({ limit: 4, cursor: second.next as string });
    expect(last).toEqual({ items: [expect.objectContaining({ limitId: 'LX' })], next: null });
    // On 04-10 LK and LX (to 02-28) have expired; LV is not there on 03-31 (granted with effective date 04-02).
    expect((await projection.limits({ status: 'expired', limit: 50 })).items.map((l) => l.limitId)).toEqual(['LK', 'LX']);
    expect((await projection.limits({ limit: 50, asOf: '2025-03-31' })).items.map((l) => l.limitId)).not.toContain('LV');
    await expect(projection.limits({ limit: 4, cursor: 'bm90LWEtY3Vyc29y' })).rejects.toThrow(InvalidCursorError);
  });

  it('shows one limit with its drawdowns as of a date', () => {
    // DM1 acceptance 10,000,000 with margin 4,000,000 (02-05): exposure 6,000,000; DM2 loan 5,000,000 (02-06).
    expect(projection.limit('LM', '2025-03-31')).toMatchObject({
      limitId: 'LM',
      amount: '50000000.00',
      outstanding: '15000000.00',
      exposure: '11000000.00',
      drawdowns: [
        { drawdownId: 'DM1', product: 'acceptance', amount: '10000000.00', margin: '4000000.00', outstanding: '10000000.00', exposure: '6000000.00', bookedOn: '2025-02-05' },
        { drawdownId: 'DM2', product: 'loan', amount: '5000000.00', margin: '0.00', outstanding: '5000000.00', exposure: '5000000.00', bookedOn: '2025-02-06' },
      ],
    });
    // DX1 1,000,000 repaid on 02-20: still listed, nothing outstanding; before its booking (01-15) not at all.
    expect(projection.limit('LX', '2025-02-21')?.drawdowns).toEqual([
      { drawdownId: 'DX1', product: 'loan', amount: '1000000.00', margin: '0.00', outstanding: '0.00', exposure: '0.00', bookedOn: '2025-01-15' },
    ]);
    expect(projection.limit('LX', '2025-01-14')?.drawdowns).toEqual([]);
    expect(projection.limit('NOPE')).toBeUndefined();
    expect(projection.limit('LV', '2025-03-31')).toBeUndefined();
  });

  it('finds customers by id, name or credit code, case-insensitively, a page at a time', () => {
    const ids = (q: string) => projection.customers({ q, limit: 50 }).items.map((c) => c.customerId);
    expect(ids('huaxia')).toEqual(['C-HA', 'C-HB', 'C-HP']);
    expect(ids('0000003b')).toEqual(['C-M']);
    expect(ids('c-k')).toEqual(['C-K']);
    expect(ids('nobody')).toEqual([]);
    const first = projection.customers({ limit: 5 });
    expect(first.items.map((c) => c.customerId)).toEqual(['C-HA', 'C-HB', 'C-HP', 'C-K', 'C-M']);
    expect(projection.customers({ limit: 5, cursor: first.next as string })).toEqual({
      items: ['C-N', 'C-V', 'C-W', 'C-X'].map((customerId) => expect.objectContaining({ customerId })),
      next: null,
    });
    expect(first.items[4]).toEqual({
      customerId: 'C-M',
      name: 'Minjiang Shipping',
      kind: 'enterprise',
      creditCode: '91440000MA0000003B',
      groupId: null,
      comprehensiveLimit: '50000000.00',
      outstanding: '15000000.00',
      exposure: '11000000.00',
    });
    // Registered 2025-01-02: nobody before.
    expect(projection.customers({ limit: 5, asOf: '2025-01-01' }).items).toEqual([]);
  });

  it('finds a name by any case of its letters, not only ASCII ones, and loads only the page it shows', async () => {
    const other = new TestBook();
    await other.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
    await other.register('C-1', 'Ärztebank Holding', '2025-01-02');
    await other.register('C-2', 'Örebro Trading', '2025-01-02');
    await other.register('C-3', 'Östra Hamnen', '2025-02-01');
    const reads = new BookProjection(other.store, { today: () => '2025-04-10' });
    await reads.start();
    const loads = jest.spyOn(asOfBook, 'loadAsOfBook');
    try {
      const ids = (q: string, asOf?: string) => reads.customers({ q, limit: 50, asOf }).items.map((c) => c.customerId);
      // 'Ä' and 'Ö' fold to 'ä' and 'ö' as JS folds them: SQLite's lower() would leave them as they are.
      expect(ids('ärzte')).toEqual(['C-1']);
      expect(ids('ÖREBRO')).toEqual(['C-2']);
      expect(ids('ö')).toEqual(['C-2', 'C-3']);
      // C-3 was registered on 02-01.
      expect(ids('ö', '2025-01-15')).toEqual(['C-2']);
      const first = reads.customers({ limit: 2 });
      expect([first.items.map((c) => c.customerId), reads.customers({ limit: 2, cursor: first.next as string })]).toEqual([['C-1', 'C-2'], { items: [expect.objectContaining({ customerId: 'C-3', name: 'Östra Hamnen' })], next: null }]);
      // Each ask loaded its page's customers alone, never the whole book.
      expect(loads.mock.calls.map((call) => call[2])).toEqual([['C-1'], ['C-2'], ['C-2', 'C-3'], ['C-2'], ['C-1', 'C-2'], ['C-3']]);
    } finally {
      loads.mockRestore();
      await reads.stop();
      await other.close();
    }
  });

  it('gives the policy in force (the defaults here) and the net capital declarations', () => {
    expect(projection.policy('2025-03-31')).toEqual({
      asOf: '2025-03-31',
      groupCapRatio: '0.15',
      singleCustomerCapRatio: '0.10',
      escalationThreshold: '66000000.00',
      equityControlThreshold: '0.5',
      // The 2018 regime's defaults (domain.md section 8): both regimes refuse; 15% and 20% and 25% of tier-1, loans
      // 10% of net capital, large exposures from 2.5% of tier-1; every off-balance product's CCF 100% by default.
      regimes: ['cbrc-2010', 'nfra-2018'],
      tier1SingleClientRatio: '0.15',
      singleClientLoanRatio: '0.10',
      tier1ConnectedGroupRatio: '0.20',
      tier1InterbankRatio: '0.25',
      largeExposureRatio: '0.025',
      ccf: ['acceptance', 'letter-of-credit', 'guarantee', 'loan-commitment', 'derivative'].map((product) => ({ product, factor: '1.00' })),
    });
    // Declared without tier-1 net capital: the 2018 measures are not checked, and the read says so (null).
    const declared = { asOf: '2024-12-31', netCapital: '1000000000.00', tier1NetCapital: null };
    expect(projection.capital('2025-03-31')).toEqual({ asOf: '2025-03-31', tier1NetCapital: null, inForce: declared, declarations: [declared] });
    // The declaration applies from its own asOf: on 2024-12-30 none does.
    expect(projection.capital('2024-12-30')).toEqual({ asOf: '2024-12-30', tier1NetCapital: null, inForce: null, declarations: [] });
  });

  it("says whether a customer or group has a request awaiting a given approver's decision (today)", () => {
    // 03-31: LHB's renewal awaits; officer-1 asked for it, so it awaits anyone else (names compared case-insensitively).
    expect(inMarch.awaitsDecisionOf({ customerId: 'C-HB' }, 'approver-1')).toBe(true);
    expect(inMarch.awaitsDecisionOf({ groupId: 'G000001' }, 'approver-1')).toBe(true);
    expect(inMarch.awaitsDecisionOf({ customerId: 'C-HB' }, 'OFFICER-1')).toBe(false);
    expect(inMarch.awaitsDecisionOf({ customerId: 'C-M' }, 'approver-1')).toBe(false);
    // 04-10: approved on 04-03, nothing awaits.
    expect(projection.awaitsDecisionOf({ groupId: 'G000001' }, 'approver-1')).toBe(false);
  });
});
