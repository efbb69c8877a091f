import { Subject, capOf, formatMoney } from '@groupcap/domain';
import { BookProjection } from '../projection/book.projection';
import { ADMIN, TestBook } from '../testing/test-book';

/**
 * A change recorded after another but back-dated before it: which one holds on the dates after both?
 * - Policy: each change holds from its effective date, folded in order of effective date and applying only the
 *   settings it names, so a back-dated change never undoes a later-dated one (the domain's policyOn()).
 * - Memberships: group events hold from their own date (effectiveFrom, else the command's); a back-dated link
 *   restates every later date on which grouping changed, so the latest-dated row holds (domain.md section 1).
 * - Limits: a command on a limit cannot be dated before its last change, so log order is date order.
 * In every case the read side as of today must agree with the write model (TestBook.state).
 */
const TODAY = '2025-06-01';
const group: Subject = { subjectType: 'group', groupId: 'G000001' };

describe('back-dated policy changes', () => {
  const book = new TestBook();
  let projection: BookProjection;

  /**
   * Net capital 100,000,000.00. G000001 = C-P (60% of C-A); LA C-A 10,000,000. Standalone C-S: LS 9,000,000.
   * Recorded in this order: single-customer ratio 0.08 from 03-01; group ratio 0.12 from 02-01; group ratio
   * 0.20 from 01-15. The first event also shows groupCapRatio 0.15 (the picture on 03-01 when it was recorded)
   * and the second singleCustomerCapRatio 0.10: neither names them in `changed`, so neither applies them.
   */
  beforeAll(async () => {
    await book.declareCapital('2024-12-31', '100000000.00', '2025-01-02');
    for (const id of ['C-P', 'C-A', 'C-S']) await book.register(id, id, '2025-01-02');
    await book.holds('R1', 'C-P', 'C-A', '0.6', '2025-01-03');
    await book.grant('LA', 'C-A', '10000000', '2025-01-01', '2025-12-31', '2025-01-05');
    await book.grant('LS', 'C-S', '9000000', '2025-01-01', '2025-12-31', '2025-01-05');
    const single = await book.run({ type: 'ChangePolicy', singleCustomerCapRatio: '0.08' }, '2025-03-01', ADMIN);
    expect(single[0]).toMatchObject({ type: 'PolicyChanged', data: { groupCapRatio: '0.15', singleCustomerCapRatio: '0.08', changed: ['singleCustomerCapRatio'] } });
    await book.run({ type: 'ChangePolicy', groupCapRatio: '0.12' }, '2025-02-01', ADMIN);
    await book.run({ type: 'ChangePolicy', groupCapRatio: '0.20' }, '2025-01-15', ADMIN);
    projection = new BookProjection(book.store, { today: () => TODAY });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it('applies each change from its effective date, a back-dated one only until the next-dated change', () => {
    const capOn = (date: string) => projection.group('G000001', date)?.cap;
    expect(capOn('2025-01-10')).toBe('15000000.00'); // the default 0.15 x 100,000,000
    expect(capOn('2025-01-20')).toBe('20000000.00'); // 0.20 from 01-15
    expect(capOn('2025-02-15')).toBe('12000000.00'); // 0.12 from 02-01, recorded before the 0.20 change
    // 03-01 changed only the single-customer ratio: the group ratio stays 0.12 (not its picture's 0.15, not 0.20).
    expect(capOn('2025-03-15')).toBe('12000000.00');
    expect(capOn(TODAY)).toBe('12000000.00');
  });

  it('gives the single-customer cap of its own change only: 0.10 until 03-01, 0.08 from then on', async () => {
    // LS 9,000,000 against 10% (10,000,000) then 8% (8,000,000) of 100,000,000.
    const standalone = async (date: string) => (await projection.largeCreditReport({ asOf: date })).rows.find((r) => r.customerId === 'C-S');
    expect((await standalone('2025-02-15'))?.inBreach).toBe(false);
    expect((await standalone('2025-03-15'))?.inBreach).toBe(true);
  });

  it('agrees with the write model on every date', () => {
    for (const date of ['2025-01-10', '2025-01-20', '2025-02-15', '2025-03-15', TODAY]) {
      expect([date, projection.group('G000001', date)?.cap]).toEqual([date, formatMoney(capOf(book.state, group, date)!.cap)]);
    }
  });
});

describe('a back-dated link recorded after a later-dated unlink', () => {
  const book = new TestBook();
  let projection: BookProjection;

  /**
   * G000001 = C-P with C-A (60%, 01-03) and C-B (R2 70%, 01-04). R2 is removed as of 03-01: C-B leaves from 03-01.
   * Recorded after that, C-P's board control of C-B (R3) as of 02-15. On 02-15 C-B is still in G000001 through R2,
   * so nothing changes there; but on 03-01, the next date grouping changed, the relations in force are R1 and R3,
   * and C-P still controls C-B: the log said C-B left, so the link restates that date with a join from 03-01.
   */
  let linked: Awaited<ReturnType<TestBook['run']>>;
  beforeAll(async () => {
    await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
    for (const id of ['C-P', 'C-A', 'C-B']) await book.register(id, id, '2025-01-02');
    await book.holds('R1', 'C-P', 'C-A', '0.6', '2025-01-03');
    await book.holds('R2', 'C-P', 'C-B', '0.7', '2025-01-04');
    expect((await book.run({ type: 'RemoveRelation', relationId: 'R2' }, '2025-03-01')).map((e) => e.type)).toEqual(['RelationRemoved', 'GroupMemberLeft']);
    linked = await book.run({ type: 'RecordRelation', relationId: 'R3', from: 'C-P', to: 'C-B', relationType: 'board' }, '2025-02-15');
    projection = new BookProjection(book.store, { today: () => TODAY });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it('records the join from the later date it restates', () => {
    expect(linked).toEqual([
      { type: 'RelationRecorded', data: { relationId: 'R3', from: 'C-P', to: 'C-B', relationType: 'board', share: null } },
      { type: 'GroupMemberJoined', data: { groupId: 'G000001', customerId: 'C-B', effectiveFrom: '2025-03-01' } },
    ]);
  });

  it('keeps C-B in the group on every date from its first link on, and alone before it', () => {
    expect(projection.customer('C-B', '2025-01-03')?.groupId).toBeNull(); // R2 takes effect 01-04
    expect(projection.customer('C-B', '2025-02-10')?.groupId).toBe('G000001'); // R2
    expect(projection.customer('C-B', '2025-02-20')?.groupId).toBe('G000001'); // R2 and R3
    expect(projection.customer('C-B', '2025-03-10')?.groupId).toBe('G000001'); // R3 alone
    expect(projection.group('G000001', '2025-03-10')?.members).toEqual(['C-A', 'C-B', 'C-P']);
  });

  it('agrees with the write model today', () => {
    expect(book.state.groupOf.get('C-B')).toBe('G000001');
    expect(projection.customer('C-B')?.groupId).toBe(book.state.groupOf.get('C-B'));
    expect(projection.group('G000001')?.members).toEqual(book.state.groups.get('G000001')?.members.toArray().sort());
  });
});

describe('a limit changed later than a back-dated command', () => {
  const book = new TestBook();
  let projection: BookProjection;

  /**
   * Standalone C-S: LS 5,000,000 valid 01-01..06-30, renewed to 8,000,000 until 12-31 as of 04-01. A limit's
   * history is written in date order, so a renewal back-dated to 03-15 is refused; a drawdown back-dated to
   * 03-20 is decided against the terms of 03-20 (5,000,000), not today's 8,000,000.
   */
  beforeAll(async () => {
    await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
    await book.register('C-S', 'Solo Ltd', '2025-01-02');
    await book.grant('LS', 'C-S', '5000000', '2025-01-01', '2025-06-30', '2025-01-05');
    await book.run({ type: 'RenewLimit', limitId: 'LS', amount: '8000000', validTo: '2025-12-31' }, '2025-04-01');
    projection = new BookProjection(book.store, { today: () => TODAY });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  it('refuses a renewal dated before the limit was last changed', async () => {
    await expect(book.run({ type: 'RenewLimit', limitId: 'LS', amount: '6000000', validTo: '2025-09-30' }, '2025-03-15')).rejects.toThrow(/EFFECTIVE_DATE_TOO_EARLY/);
  });

  it('decides a back-dated drawdown against the amount in force on its date', async () => {
    // 6,000,000 > the 5,000,000 available on 03-20; the 8,000,000 of the 04-01 renewal does not count yet.
    await expect(book.draw('D1', 'LS', '6000000', 'loan', '2025-03-20')).rejects.toThrow(/LIMIT_EXCEEDED/);
    await book.draw('D2', 'LS', '6000000', 'loan', '2025-04-10');
  });

  it('reads the terms of each date', () => {
    const terms = (date: string) => {
      const limit = projection.customer('C-S', date)?.limits[0];
      return [limit?.amount, limit?.validTo];
    };
    expect(terms('2025-03-10')).toEqual(['5000000.00', '2025-06-30']);
    expect(terms('2025-04-10')).toEqual(['8000000.00', '2025-12-31']);
  });

  it('agrees with the write model today', () => {
    const limit = book.state.limits.get('LS')!;
    expect(projection.customer('C-S')?.limits[0]).toMatchObject({ amount: formatMoney(limit.amount), validTo: limit.validTo });
    expect(projection.customer('C-S')?.comprehensiveLimit).toBe('8000000.00');
  });
});
