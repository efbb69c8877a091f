import { BookProjection } from './book.projection';
import { TestBook } from '../testing/test-book';

/**
 * One book, read as of many dates. Net capital 1,000,000,000.00 (group cap 15% = 150,000,000.00) until a
 * declaration as of 2025-03-31 lowers it to 300,000,000.00 (cap 45,000,000.00), restored as of 2025-06-30.
 *
 * Group G000001 "Parent Co": C-P holds 60% of C-A (2025-01-03) and 70% of C-B (2025-01-04).
 *   LP C-P 30,000,000 BJ | LA C-A 20,000,000 SH | LB C-B 10,000,000 SH      (all valid 2025-01-01..2025-12-31)
 *   DP1 loan 12,000,000 (02-10) on LP; repaid 2,000,000 (03-15), and 1,000,000 back-dated to 03-01 (recorded last)
 *   DA1 acceptance 8,000,000, margin 3,000,000 (02-11) on LA: exposure 5,000,000; repaid in full 04-20
 *   DB1 guarantee 4,000,000, margin 1,000,000 (02-12) on LB: exposure 3,000,000; repaid in full 04-25
 * Group G000002 "Quartz Holdings": C-Q holds 90% of C-R (2025-01-03); LR C-R 45,000,000 SZ; DR1 loan 40,000,000 (02-12).
 * Standalone C-S "Solo Ltd": LS 5,000,000 GZ; DS1 loan 2,000,000 (02-12).
 */
describe('BookProjection read models', () => {
  const book = new TestBook();
  let projection: BookProjection;

  beforeAll(async () => {
    await book.declareCapital('2024-12-31', '1000000000.00', '2025-01-02');
    for (const [id, name] of [
      ['C-P', 'Parent Co'],
      ['C-A', 'Alpha Ltd'],
      ['C-B', 'Beta Ltd'],
      ['C-S', 'Solo Ltd'],
      ['C-Q', 'Quartz Holdings'],
      ['C-R', 'Ruby Mining'],
    ]) {
      await book.register(id, name, '2025-01-02');
    }
    await book.holds('R1', 'C-P', 'C-A', '0.6', '2025-01-03');
    await book.holds('R3', 'C-Q', 'C-R', '0.9', '2025-01-03');
    await book.holds('R2', 'C-P', 'C-B', '0.7', '2025-01-04');
    await book.grant('LP', 'C-P', '30000000', '2025-01-01', '2025-12-31', '2025-01-05', { branch: 'BJ' });
    await book.grant('LA', 'C-A', '20000000', '2025-01-01', '2025-12-31', '2025-01-05', { branch: 'SH' });
    await book.grant('LB', 'C-B', '10000000', '2025-01-01', '2025-12-31', '2025-01-05', { branch: 'SH' });
    await book.grant('LS', 'C-S', '5000000', '2025-01-01', '2025-12-31', '2025-01-05', { branch: 'GZ' });
    await book.grant('LR', 'C-R', '45000000', '2025-01-01', '2025-12-31', '2025-01-05', { branch: 'SZ' });
    await book.draw('DP1', 'LP', '12000000', 'loan', '2025-02-10');
    await book.draw('DA1', 'LA', '8000000', 'acceptance', '2025-02-11', '3000000');
    await book.draw('DB1', 'LB', '4000000', 'guarantee', '2025-02-12', '1000000');
    await book.draw('DS1', 'LS', '2000000', 'loan', '2025-02-12');
    await book.draw('DR1', 'LR', '40000000', 'loan', '2025-02-12');
    await book.repay('DP1', '2000000', '2025-03-15');
    const lowered = await book.declareCapital('2025-03-31', '300000000.00', '2025-04-01');
    // G000001: limit 60,000,000 > 45,000,000. G000002: 45,000,000 equals its cap, which is not a breach.
    expect(lowered.map((e) => e.type)).toEqual(['NetCapitalDeclared', 'CapBreached']);
    await book.repay('DA1', '8000000', '2025-04-20');
    await book.repay('DB1', '4000000', '2025-04-25');
    const restored = await book.declareCapital('2025-06-30', '1000000000.00', '2025-07-01');
    expect(restored.map((e) => e.type)).toEqual(['NetCapitalDeclared', 'CapBreachCured']);
    await book.repay('DP1', '1000000', '2025-03-01');

    projection = new BookProjection(book.store, { today: () => '2025-07-15' });
    await projection.start();
  });

  afterAll(async () => {
    await projection.stop();
    await book.close();
  });

  describe('group', () => {
    it('sums its members as of a date, splitting nominal outstanding into on- and off-balance', () => {
      // Limits 30 + 20 + 10 = 60,000,000. DP1 as of 03-20: 12,000,000 - 1,000,000 (03-01) - 2,000,000 (03-15) = 9,000,000 (loan: on).
      // Off: acceptance 8,000,000 + guarantee 4,000,000 = 12,000,000. Outstanding 21,000,000.
      // Exposure: 9,000,000 + (8,000,000 - 3,000,000) + (4,000,000 - 1,000,000) = 17,000,000.
      // Cap 15% x 1,000,000,000 = 150,000,000; headroom 150 - max(60, 17) = 90,000,000; utilisation 60/150 = 0.4000.
      // Lead: nothing was outstanding at 2024-12-31, so the largest balance now: SH 12,000,000 over BJ 9,000,000.
      expect(projection.group('G000001', '2025-03-20')).toEqual({
        groupId: 'G000001',
        name: 'Parent Co',
        members: ['C-A', 'C-B', 'C-P'],
        comprehensiveLimit: '60000000.00',
        onBalance: '9000000.00',
        offBalance: '12000000.00',
        outstanding: '21000000.00',
        exposure: '17000000.00',
        cap: '150000000.00',
        headroom: '90000000.00',
        capUtilization: '0.4000',
        inBreach: false,
        leadBranch: 'SH',
        groupLimits: [],
      });
    });

    it('uses the net capital in force on the date and shows the breach from its business date', () => {
      // Net capital as of 2025-03-31 is 300,000,000: cap 45,000,000; headroom 45 - 60 = -15,000,000; 60/45 = 1.3333.
      expect(projection.group('G000001', '2025-04-10')).toMatchObject({
        cap: '45000000.00',
        headroom: '-15000000.00',
        capUtilization: '1.3333',
        inBreach: true,
        leadBranch: 'SH',
      });
    });

    it('keeps the lead branch while its balance falls below another, and hands over once it has none', () => {
      // Quarter end 2025-03-31: SH 12,000,000, BJ 9,000,000 -> SH leads the quarter.
      // 04-21: DA1 repaid, SH 4,000,000 < BJ 9,000,000, SH stays lead. 04-26: DB1 repaid, SH 0 -> BJ.
      expect(projection.group('G000001', '2025-04-21')?.leadBranch).toBe('SH');
      expect(projection.group('G000001', '2025-04-26')?.leadBranch).toBe('BJ');
    });

    it('answers today by default: cured once net capital was restored', () => {
      // Today 2025-07-15: only DP1 is left, 9,000,000 on BJ; cap 150,000,000 again (as of 2025-06-30).
      expect(projection.group('G000001')).toMatchObject({
        comprehensiveLimit: '60000000.00',
        onBalance: '9000000.00',
        offBalance: '0.00',
        outstanding: '9000000.00',
        exposure: '9000000.00',
        cap: '150000000.00',
        capUtilization: '0.4000',
        inBreach: false,
        leadBranch: 'BJ',
      });
    });

    it('has the members it had on the date, and does not exist before it was formed', () => {
      expect(projection.group('G000001', '2025-01-03')?.members).toEqual(['C-A', 'C-P']);
      expect(projection.group('G000001', '2025-01-02')).toBeUndefined();
      expect(projection.group('G999999')).toBeUndefined();
    });
  });

  describe('groups', () => {
    it('sorts and limits the list', async () => {
      // 2025-04-10, cap 45,000,000: G000001 60/45 = 1.3333; G000002 max(45, 40)/45 = 1.0000.
      const byUtilization = await projection.groups({ sort: 'capUtilization', limit: 50, asOf: '2025-04-10' });
      expect(byUtilization.map((g) => [g.groupId, g.capUtilization])).toEqual([
        ['G000001', '1.3333'],
        ['G000002', '1.0000'],
      ]);
      // Exposure on 2025-04-10: G000002 40,000,000 > G000001 17,000,000.
      expect((await projection.groups({ sort: 'exposure', limit: 50, asOf: '2025-04-10' })).map((g) => g.groupId)).toEqual(['G000002', 'G000001']);
      expect((await projection.groups({ sort: 'groupId', limit: 1 })).map((g) => g.groupId)).toEqual(['G000001']);
    });
  });

  describe('customer', () => {
    it('shows its limits with balances and what is still available', () => {
      expect(projection.customer('C-S', '2025-03-20')).toEqual({
        customerId: 'C-S',
        name: 'Solo Ltd',
        kind: 'enterprise',
        creditCode: null,
        groupId: null,
        limits: [
          {
            limitId: 'LS',
            customerId: 'C-S',
            amount: '5000000.00',
            validFrom: '2025-01-01',
            validTo: '2025-12-31',
            riskClass: 'standard',
            branch: 'GZ',
            status: 'active',
            // Nothing awaits a decision.
            requestedBy: null,
            pendingRenewal: null,
            outstanding: '2000000.00',
            exposure: '2000000.00',
            // 5,000,000 - 2,000,000
            available: '3000000.00',
            groupLimitId: null,
          },
        ],
        comprehensiveLimit: '5000000.00',
        outstanding: '2000000.00',
        exposure: '2000000.00',
      });
    });

    it('reports an expired limit with credit outstanding at the outstanding, and nothing available', () => {
      const later = projection.customer('C-S', '2026-01-10');
      expect(later?.limits[0]).toMatchObject({ status: 'expired', available: '0.00', outstanding: '2000000.00' });
      expect(later?.comprehensiveLimit).toBe('2000000.00');
    });

    it('counts a back-dated repayment from its business date', () => {
      // DP1 12,000,000: -1,000,000 effective 03-01 (recorded last), -2,000,000 effective 03-15.
      expect(projection.customer('C-P', '2025-02-20')?.outstanding).toBe('12000000.00');
      expect(projection.customer('C-P', '2025-03-05')?.outstanding).toBe('11000000.00');
      expect(projection.customer('C-P', '2025-03-20')?.outstanding).toBe('9000000.00');
    });

    it('belongs to its group only from the date it joined; unknown before its registration', () => {
      expect(projection.customer('C-B', '2025-01-03')?.groupId).toBeNull();
      expect(projection.customer('C-B', '2025-01-04')?.groupId).toBe('G000001');
      expect(projection.customer('C-B', '2025-01-01')).toBeUndefined();
      expect(projection.customer('C-NOBODY')).toBeUndefined();
    });
  });

  describe('breaches', () => {
    it('lists the breaches open on the date, since the business date they began', () => {
      // The lowered net capital holds from its asOf, 03-31, though declared on 04-01: the breach holds from 03-31.
      expect(projection.breaches('2025-03-30')).toEqual([]);
      expect(projection.breaches('2025-04-10')).toEqual([
        { regime: 'cbrc-2010', groupId: 'G000001', customerId: null, connectedGroupId: null, members: null, basis: 'limit', measure: '60000000.00', cap: '45000000.00', since: '2025-03-31' },
      ]);
      // Restored as of 06-30 (declared 07-01): cured from 06-30.
      expect(projection.breaches('2025-06-29')).toHaveLength(1);
      expect(projection.breaches('2025-06-30')).toEqual([]);
      expect(projection.breaches()).toEqual([]);
    });
  });

  describe('customerHistory', () => {
    it('lists every event that touched the customer or its group while it was a member, in log order', async () => {
      const history = await projection.customerHistory('C-A');
      // C-A is in G000001 from its formation on: C-B joining it, and its breach (net capital lowered as of
      // 03-31) and cure (restored as of 06-30), are part of C-A's record; G000002's formation is not.
      expect(history.map((e) => e.type)).toEqual([
        'CustomerRegistered',
        'RelationRecorded',
        'GroupFormed',
        'GroupMemberJoined',
        'LimitGranted',
        'DrawdownBooked',
        'CapBreached',
        'RepaymentBooked',
        'CapBreachCured',
      ]);
      expect(history[3]).toMatchObject({ data: { groupId: 'G000001', customerId: 'C-B' } });
      expect(history[5]).toMatchObject({ streamId: 'groupcap-book', data: { drawdownId: 'DA1' }, metadata: { effectiveDate: '2025-02-11' } });
      expect(history[6]).toMatchObject({ data: { groupId: 'G000001', basis: 'limit' } });
      const positions = history.map((e) => BigInt(e.position));
      expect([...positions].sort((a, b) => (a < b ? -1 : 1))).toEqual(positions);
    });
  });

  describe('read-your-writes', () => {
    it('waits until a new event is applied, and gives up after the timeout', async () => {
      const before = projection.position() as bigint;
      const position = await book.append([{ type: 'CustomerRegistered', data: { customerId: 'C-NEW', name: 'New Co', kind: 'enterprise', creditCode: null } }], '2025-07-15');
      expect(position).toBeGreaterThan(before);
      await expect(projection.waitFor(position, 5_000)).resolves.toBe(true);
      expect(projection.position()).toBe(position);
      expect(projection.customer('C-NEW')?.name).toBe('New Co');
      await expect(projection.waitFor(position + 1_000n, 20)).resolves.toBe(false);
    });
  });
});
