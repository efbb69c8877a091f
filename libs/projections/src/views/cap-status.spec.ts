import { BookProjection } from '../projection/book.projection';
import { TestBook } from '../testing/test-book';

/**
 * inBreach comes from the figures of the date, not from breach events, which are recorded only when a command
 * arrives. Net capital 100,000,000.00 (group cap 15,000,000, single-customer cap 10,000,000), lowered to
 * 80,000,000.00 as of 2025-03-31 by a declaration recorded on 04-01 (caps 12,000,000 and 8,000,000).
 *   G000001 = C-P (60% of C-A): LP C-P 8,000,000 and LA C-A 6,000,000, both valid 01-01..06-30: 14,000,000;
 *     DA1 loan 3,000,000 on LA (02-01), never repaid.
 *   Standalone C-S: LS 9,000,000 valid 01-01..06-30, nothing drawn.
 * The declaration records both breaches, from its asOf 03-31. Nothing is recorded after: once the limits expire on
 * 06-30, G000001 reports only DA1's 3,000,000 and C-S nothing, but no command has recorded a cure.
 */
describe('breach flags from the figures of the date', () => {
  const book = new TestBook();
  let projection: BookProjection;

  beforeAll(async () => {
    await book.declareCapital('2024-12-31', '100000000.00', '2025-01-02');
    for (const id of ['C-P', 'C-A', 'C-S']) await book.register(id, id, '2025-01-02');
    await book.holds('R1', 'C-P', 'C-A', '0.6', '2025-01-03');
    await book.grant('LP', 'C-P', '8000000', '2025-01-01', '2025-06-30', '2025-01-05');
    await book.grant('LA', 'C-A', '6000000', '2025-01-01', '2025-06-30', '2025-01-05');
    await book.grant('LS', 'C-S', '9000000', '2025-01-01', '2025-06-30', '2025-01-05');
    await book.draw('DA1', 'LA', '3000000', 'loan', '2025-02-01');
    const lowered = await book.declareCapital('2025-03-31', '80000000.00', '2025-04-01');
    expect(lowered).toEqual([
      expect.objectContaining({ type: 'NetCapitalDeclared' }),
      { type: 'CapBreached', data: expect.objectContaining({ customerId: 'C-S', basis: 'limit' }) },
      { type: 'CapBreached', data: expect.objectContaining({ groupId: 'G000001', basis: 'limit' }) },
    ]);
    projection = new BookProjection(book.store, { today: () => '2025-07-15' });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it('is within the cap before the lower net capital: 14,000,000 of 15,000,000', () => {
    expect(projection.group('G000001', '2025-03-20')).toMatchObject({ comprehensiveLimit: '14000000.00', cap: '15000000.00', capUtilization: '0.9333', inBreach: false });
  });

  it('is in breach from the date the lower net capital takes effect, before any breach event is dated', () => {
    // 14,000,000 / 12,000,000 = 1.1667 on 03-31 (the declaration's asOf), though the CapBreached event is dated 04-01.
    expect(projection.group('G000001', '2025-03-31')).toMatchObject({ cap: '12000000.00', headroom: '-2000000.00', capUtilization: '1.1667', inBreach: true });
    expect(projection.group('G000001', '2025-04-10')).toMatchObject({ capUtilization: '1.1667', inBreach: true });
  });

  it('is cured by time once the limits expired, although no cure event was recorded', () => {
    // 07-15: LP expired with nothing out (0), LA expired with DA1 out (3,000,000): 3,000,000 / 12,000,000.
    expect(projection.group('G000001', '2025-07-15')).toMatchObject({
      comprehensiveLimit: '3000000.00',
      exposure: '3000000.00',
      cap: '12000000.00',
      headroom: '9000000.00',
      capUtilization: '0.2500',
      inBreach: false,
    });
  });

  it('flags the report rows the same way', async () => {
    const flags = async (asOf: string) => (await projection.largeCreditReport({ asOf })).rows.map((r) => [r.groupId ?? r.customerId, r.comprehensiveLimit, r.inBreach]);
    // C-S: 9,000,000 > 8,000,000.
    expect(await flags('2025-04-10')).toEqual([
      ['G000001', '14000000.00', true],
      ['C-S', '9000000.00', true],
    ]);
    // C-S expired with nothing out and nothing pending: a real exit.
    expect(await flags('2025-07-15')).toEqual([['G000001', '3000000.00', false]]);
  });

  it('lists a recorded breach only while it still holds on the date', () => {
    expect(projection.breaches('2025-04-10')).toEqual([
      { regime: 'cbrc-2010', groupId: null, customerId: 'C-S', connectedGroupId: null, members: null, basis: 'limit', measure: '9000000.00', cap: '8000000.00', since: '2025-03-31' },
      { regime: 'cbrc-2010', groupId: 'G000001', customerId: null, connectedGroupId: null, members: null, basis: 'limit', measure: '14000000.00', cap: '12000000.00', since: '2025-03-31' },
    ]);
    // Cured by time: the events still say open, the figures do not.
    expect(projection.breaches('2025-07-15')).toEqual([]);
    expect(projection.breaches()).toEqual([]);
    // The recorded breach and the figures agree from 03-31, the declaration's asOf; before it nothing is listed.
    expect(projection.breaches('2025-03-31')).toHaveLength(2);
    expect(projection.breaches('2025-03-30')).toEqual([]);
  });
});
