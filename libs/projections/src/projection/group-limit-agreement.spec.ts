import { BookCommand, Subject, formatMoney, measuresOf } from '@groupcap/domain';
import { BookProjection } from './book.projection';
import { ADMIN, APPROVER, TestBook } from '../testing/test-book';

/**
 * Group unified credit on the read side: as-of reads of a group with a group limit agree with the write model's
 * measure on every date, through the request, approval, allocations, a drawdown, a reallocation, a member leaving
 * and a merge that brings a second group limit. Net capital 1,000,000,000.00: group cap 150,000,000.00.
 */
describe('group limits: projection and write model', () => {
  const grant = (limitId: string, customerId: string, amount: string, groupLimitId?: string): BookCommand => ({
    type: 'GrantLimit',
    limitId,
    customerId,
    amount,
    validFrom: '2025-01-01',
    validTo: '2025-12-31',
    ...(groupLimitId ? { groupLimitId } : {}),
  });
  const holds = (relationId: string, from: string, to: string): BookCommand => ({ type: 'RecordRelation', relationId, from, to, relationType: 'equity', share: '0.6' });
  const requestGl = (groupLimitId: string, groupId: string, amount: string): BookCommand => ({ type: 'RequestGroupLimit', groupLimitId, groupId, amount, validFrom: '2025-01-01', validTo: '2025-12-31' });

  let book: TestBook;
  let projection: BookProjection;

  beforeAll(async () => {
    book = new TestBook();
    await book.run({ type: 'DeclareNetCapital', asOf: '2024-12-31', netCapital: '1000000000.00' }, '2025-01-02', ADMIN);
    for (const id of ['P', 'A', 'B', 'C', 'E', 'F']) await book.run({ type: 'RegisterCustomer', customerId: id, name: `${id} Ltd`, kind: 'enterprise' }, '2025-01-02');
    await book.run(holds('P-A', 'P', 'A'), '2025-01-02'); // G000001 = {P, A}
    await book.run(holds('P-B', 'P', 'B'), '2025-01-02');
    await book.run(holds('P-C', 'P', 'C'), '2025-01-02');
    await book.run({ type: 'RecordRelation', relationId: 'E-F', from: 'E', to: 'F', relationType: 'board' }, '2025-01-02'); // G000002 = {E, F}
    await book.run(requestGl('GL1', 'G000001', '100000000.00'), '2025-01-05');
    await book.run(requestGl('GL2', 'G000002', '30000000.00'), '2025-01-05');
    await book.run({ type: 'ApproveGroupLimit', groupLimitId: 'GL1' }, '2025-01-10', APPROVER);
    await book.run({ type: 'ApproveGroupLimit', groupLimitId: 'GL2' }, '2025-01-10', APPROVER);
    await book.run(grant('LA1', 'A', '40000000.00', 'GL1'), '2025-01-15');
    await book.run(grant('LB1', 'B', '30000000.00', 'GL1'), '2025-01-15');
    await book.run(grant('LC1', 'C', '30000000.00', 'GL1'), '2025-01-15');
    await book.run(grant('LE1', 'E', '30000000.00', 'GL2'), '2025-01-15');
    // 100,000,000.00 + 20,000,000.00 = 120,000,000.00 > 66,000,000.00: outside the group limit, a request.
    await book.run(grant('LX', 'P', '20000000.00'), '2025-01-15');
    await book.run({ type: 'ApproveLimit', limitId: 'LX' }, '2025-01-16', APPROVER);
    await book.run({ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'LA1', amount: '35000000.00', product: 'loan' }, '2025-02-01');
    await book.run({ type: 'ReallocateGroupLimit', groupLimitId: 'GL1', fromLimitId: 'LB1', toLimitId: 'LA1', amount: '5000000.00' }, '2025-02-10');
    await book.run({ type: 'RemoveRelation', relationId: 'P-C' }, '2025-03-01'); // C leaves with LC1
    await book.run(holds('P-E', 'P', 'E'), '2025-03-10'); // G000002 merged into G000001, GL2 with it
    projection = new BookProjection(book.store, { today: () => '2025-03-31' });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  const measured = (subject: Subject, date: string) => formatMoney(measuresOf(book.state, subject, date).limit);
  const G1: Subject = { subjectType: 'group', groupId: 'G000001' };

  it.each([
    // pending: nothing; approved: GL1 100; + LX 20 outside = 120; drawn 35 < 100 and reallocated: still 120;
    // C left with LC1 (counted on its own): 120; merged with G000002 and GL2 30: 100 + 30 + 20 = 150 (= the cap).
    ['2025-01-07', '0.00'],
    ['2025-01-12', '100000000.00'],
    ['2025-01-20', '120000000.00'],
    ['2025-02-15', '120000000.00'],
    ['2025-03-05', '120000000.00'],
    ['2025-03-15', '150000000.00'],
  ])('agree on the group on %s: %s', (date, figure) => {
    expect(measured(G1, date)).toBe(figure);
    expect(projection.group('G000001', date)?.comprehensiveLimit).toBe(figure);
  });

  it('counts the member that left on its own, in the report as in the write model', async () => {
    expect(measured({ subjectType: 'customer', customerId: 'C' }, '2025-03-05')).toBe('30000000.00');
    const rows = (await projection.largeCreditReport({ asOf: '2025-03-15' })).rows;
    for (const row of rows) {
      const subject: Subject = row.groupId ? { subjectType: 'group', groupId: row.groupId } : { subjectType: 'customer', customerId: row.customerId as string };
      expect([row.groupId ?? row.customerId, row.comprehensiveLimit]).toEqual([row.groupId ?? row.customerId, measured(subject, '2025-03-15')]);
    }
    expect(rows.map((r) => [r.groupId ?? r.customerId, r.comprehensiveLimit])).toEqual([
      ['G000001', '150000000.00'],
      ['C', '30000000.00'],
    ]);
  });

  it('shows the group limit, its allocations, used and unused amounts as of each date', () => {
    // 02-15: LA1 40 + 5 = 45 (35 drawn), LB1 30 - 5 = 25, LC1 30: 100 allocated, 35 used, 65 unused.
    expect(projection.groupLimit('GL1', '2025-02-15')).toMatchObject({
      groupId: 'G000001',
      amount: '100000000.00',
      status: 'active',
      allocated: '100000000.00',
      unallocated: '0.00',
      used: '35000000.00',
      unused: '65000000.00',
      allocations: [
        { limitId: 'LA1', customerId: 'A', amount: '45000000.00', outstanding: '35000000.00', unused: '10000000.00', inGroupLimit: true },
        { limitId: 'LB1', customerId: 'B', amount: '25000000.00', outstanding: '0.00', unused: '25000000.00', inGroupLimit: true },
        { limitId: 'LC1', customerId: 'C', amount: '30000000.00', outstanding: '0.00', unused: '30000000.00', inGroupLimit: true },
      ],
    });
    // 02-05, before the reallocation: LA1 40, LB1 30.
    expect(projection.groupLimit('GL1', '2025-02-05')?.allocations.map((a) => a.amount)).toEqual(['40000000.00', '30000000.00', '30000000.00']);
    // 03-05: C left: 45 + 25 = 70 allocated, 30 free again; LC1 is C's own.
    expect(projection.groupLimit('GL1', '2025-03-05')).toMatchObject({ allocated: '70000000.00', unallocated: '30000000.00' });
    expect(projection.groupLimit('GL1', '2025-03-05')?.allocations[2]).toMatchObject({ limitId: 'LC1', inGroupLimit: false });
    // GL2 belongs to G000002 until the merge, to G000001 from 03-10.
    expect(projection.groupLimit('GL2', '2025-03-05')?.groupId).toBe('G000002');
    expect(projection.groupLimit('GL2', '2025-03-15')?.groupId).toBe('G000001');
    expect(projection.groupLimit('GL1', '2025-01-04')).toBeUndefined();
  });

  it('lists the group limits on the group view', () => {
    expect(projection.group('G000001', '2025-01-07')?.groupLimits).toEqual([
      { groupLimitId: 'GL1', amount: '100000000.00', validFrom: '2025-01-01', validTo: '2025-12-31', status: 'pending', pendingRenewal: null },
    ]);
    expect(projection.group('G000001', '2025-03-15')?.groupLimits.map((g) => [g.groupLimitId, g.status])).toEqual([
      ['GL1', 'active'],
      ['GL2', 'active'],
    ]);
  });

  it("lists group limits a page at a time: the pending ones are the group-limit part of an approver's queue", () => {
    // 01-07: both requested on 01-05, neither approved (01-10): both await a decision.
    expect(projection.groupLimits({ status: 'pending', limit: 50, asOf: '2025-01-07' }).items.map((g) => [g.groupLimitId, g.groupId, g.requestedBy])).toEqual([
      ['GL1', 'G000001', 'officer-1'],
      ['GL2', 'G000002', 'officer-1'],
    ]);
    // Today (03-31) both are approved: nothing awaits; both active, in G000001 since the merge of 03-10.
    expect(projection.groupLimits({ status: 'pending', limit: 50 }).items).toEqual([]);
    expect(projection.groupLimits({ status: 'active', groupId: 'G000001', limit: 50 }).items.map((g) => g.groupLimitId)).toEqual(['GL1', 'GL2']);
    expect(projection.groupLimits({ groupId: 'G000002', limit: 50, asOf: '2025-03-05' }).items.map((g) => g.groupLimitId)).toEqual(['GL2']);
    const first = projection.groupLimits({ limit: 1 });
    expect(first.items.map((g) => g.groupLimitId)).toEqual(['GL1']);
    expect(projection.groupLimits({ limit: 1, cursor: first.next as string })).toEqual({ items: [expect.objectContaining({ groupLimitId: 'GL2' })], next: null });
  });
});
