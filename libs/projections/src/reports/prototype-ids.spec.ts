import { BookProjection } from '../projection/book.projection';
import { TestBook } from '../testing/test-book';

/**
 * Ids are data (domain.md section 1, one legal person one customer; issue: no id slips past a cap). Customers
 * named like members of Object.prototype go through registration, grouping, both caps and the report like any
 * other. Net capital 100,000,000.00: group cap 15% = 15,000,000.00, single-customer cap 10% = 10,000,000.00.
 *   G000001 = __proto__ holding 60% of constructor; G000002 = toString with board control of hasOwnProperty;
 *   valueOf stands alone.
 */
describe('customer ids named like prototype members', () => {
  const book = new TestBook();
  let projection: BookProjection;

  beforeAll(async () => {
    await book.declareCapital('2024-12-31', '100000000.00', '2025-01-02');
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']) await book.register(id, `${id} Ltd`, '2025-01-02');
    await book.holds('R1', '__proto__', 'constructor', '0.6', '2025-01-03');
    await book.run({ type: 'RecordRelation', relationId: 'R2', from: 'toString', to: 'hasOwnProperty', relationType: 'board' }, '2025-01-03');
    await book.grant('L1', '__proto__', '10000000', '2025-01-01', '2025-12-31', '2025-01-05');
    await book.grant('L2', 'constructor', '5000000', '2025-01-01', '2025-12-31', '2025-01-05');
    await book.grant('L3', 'valueOf', '10000000', '2025-01-01', '2025-12-31', '2025-01-05');
    projection = new BookProjection(book.store, { today: () => '2025-01-10' });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it('groups them by control', () => {
    expect(book.state.groupOf.get('__proto__')).toBe('G000001');
    expect(book.state.groupOf.get('constructor')).toBe('G000001');
    expect(book.state.groupOf.get('toString')).toBe('G000002');
    expect(book.state.groupOf.get('hasOwnProperty')).toBe('G000002');
    expect(book.state.groupOf.has('valueOf')).toBe(false);
    expect(projection.customer('constructor')?.groupId).toBe('G000001');
  });

  it('applies the group cap: 10,000,000.00 + 5,000,000.00 = 15,000,000.00 is the cap; one fen more is refused', async () => {
    await expect(book.grant('L4', 'constructor', '0.01', '2025-01-01', '2025-12-31', '2025-01-06')).rejects.toThrow(/GROUP_CAP_EXCEEDED/);
  });

  it('applies the single-customer cap: valueOf holds 10,000,000.00, its cap; one fen more is refused', async () => {
    await expect(book.grant('L5', 'valueOf', '0.01', '2025-01-01', '2025-12-31', '2025-01-06')).rejects.toThrow(/CUSTOMER_CAP_EXCEEDED/);
  });

  it('reports them: the group at 15,000,000.00 and valueOf at 10,000,000.00; the group without credit is not a row', async () => {
    const rows = (await projection.largeCreditReport({ asOf: '2025-01-10' })).rows;
    expect(rows.map((r) => [r.groupId ?? r.customerId, r.memberCount, r.comprehensiveLimit])).toEqual([
      ['G000001', 2, '15000000.00'],
      ['valueOf', 1, '10000000.00'],
    ]);
  });
});
