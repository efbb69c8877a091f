import { BookProjection } from '../projection/book.projection';
import { TestBook } from '../testing/test-book';

/**
 * Back-dated facts count from their business date, not from when they were recorded.
 * C-P holds 60% of C-A (01-03) and 70% of C-B (01-04): group G000001. LA C-A 10,000,000; LB C-B 4,000,000.
 * DB1 loan 1,000,000 on LB, effective 2025-04-01. Recorded after it, the C-P -> C-B link is removed with
 * effective date 2025-03-01: C-B left the group on 03-01, before a drawdown recorded earlier.
 */
describe('as-of reads with back-dated events', () => {
  const book = new TestBook();
  let projection: BookProjection;

  beforeAll(async () => {
    await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
    await book.register('C-P', 'Parent Co', '2025-01-02');
    await book.register('C-A', 'Alpha Ltd', '2025-01-02');
    await book.register('C-B', 'Beta Ltd', '2025-01-02');
    await book.holds('R1', 'C-P', 'C-A', '0.6', '2025-01-03');
    await book.holds('R2', 'C-P', 'C-B', '0.7', '2025-01-04');
    await book.grant('LA', 'C-A', '10000000', '2025-01-01', '2025-12-31', '2025-01-05');
    await book.grant('LB', 'C-B', '4000000', '2025-01-01', '2025-12-31', '2025-01-05');
    await book.draw('DB1', 'LB', '1000000', 'loan', '2025-04-01');
    const removal = await book.run({ type: 'RemoveRelation', relationId: 'R2' }, '2025-03-01');
    expect(removal.map((e) => e.type)).toEqual(['RelationRemoved', 'GroupMemberLeft']);
    projection = new BookProjection(book.store, { today: () => '2025-06-01' });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it('reads the group as it was before the back-dated change', () => {
    // 10,000,000 + 4,000,000
    expect(projection.group('G000001', '2025-02-15')).toMatchObject({ members: ['C-A', 'C-B', 'C-P'], comprehensiveLimit: '14000000.00' });
    expect(projection.customer('C-B', '2025-02-15')?.groupId).toBe('G000001');
  });

  it('reads the group without the member from the business date it left', () => {
    expect(projection.group('G000001', '2025-03-10')).toMatchObject({ members: ['C-A', 'C-P'], comprehensiveLimit: '10000000.00' });
    expect(projection.customer('C-B', '2025-03-10')?.groupId).toBeNull();
    expect(projection.customer('C-B')?.groupId).toBeNull();
  });

  it('reports the leaver as a standalone customer from that date', async () => {
    const subjects = async (asOf: string) =>
      (await projection.largeCreditReport({ asOf })).rows.map((r) => [r.rank, r.groupId ?? r.customerId, r.memberCount, r.comprehensiveLimit]);
    expect(await subjects('2025-02-28')).toEqual([[1, 'G000001', 3, '14000000.00']]);
    expect(await subjects('2025-03-01')).toEqual([
      [1, 'G000001', 2, '10000000.00'],
      [2, 'C-B', 1, '4000000.00'],
    ]);
    // The drawdown of 04-01 was booked while C-B was still in the group, but counts for C-B alone.
    const april = (await projection.largeCreditReport({ asOf: '2025-04-15' })).rows;
    expect(april.map((r) => [r.groupId ?? r.customerId, r.outstanding])).toEqual([
      ['G000001', '0.00'],
      ['C-B', '1000000.00'],
    ]);
  });

  it('keeps the removal in the leaver history', async () => {
    expect((await projection.customerHistory('C-B')).map((e) => e.type)).toEqual([
      'CustomerRegistered',
      'RelationRecorded',
      'GroupMemberJoined',
      'LimitGranted',
      'DrawdownBooked',
      'RelationRemoved',
      'GroupMemberLeft',
    ]);
  });
});
