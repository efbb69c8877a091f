import { ctx, given } from '../testing/book.spec-dsl';
import {
  VALID_FROM,
  VALID_TO,
  controlledPair,
  customers,
  drawdownBooked,
  limitCancelled,
  limitGranted,
  limitRejected,
  limitRenewalRequested,
  limitRequested,
  netCapitalDeclared,
  repaymentBooked,
} from '../testing/book.fixtures';
import { GrantLimit } from './limit.commands';

/**
 * Net capital 1,000,000,000.00 -> group cap 15% = 150,000,000.00, single-customer cap 10% = 100,000,000.00;
 * escalation threshold 66,000,000.00 (default policy). G000001 = {A, B}; S and T stand alone. Today is 2026-03-31.
 */
const book = [netCapitalDeclared('1000000000.00'), ...customers('A', 'B', 'S', 'T'), ...controlledPair('G000001', 'A', 'B')];

const approver = ctx({ userId: 'approver-1', roles: ['approver'] });

function grant(limitId: string, customerId: string, amount: string, extra: Partial<GrantLimit> = {}): GrantLimit {
  return { type: 'GrantLimit', limitId, customerId, amount, validFrom: VALID_FROM, validTo: VALID_TO, ...extra };
}
const terms = (limitId: string, customerId: string, amount: string) => ({
  limitId,
  customerId,
  amount,
  validFrom: VALID_FROM,
  validTo: VALID_TO,
  riskClass: 'standard' as const,
  branch: null,
});
const approve = (limitId: string) => ({ type: 'ApproveLimit' as const, limitId });
const renew = (limitId: string, amount: string, validTo: string) => ({ type: 'RenewLimit' as const, limitId, amount, validTo });

describe('GrantLimit', () => {
  it('grants a limit within the cap and the escalation threshold at once', () => {
    given(book).when(grant('L1', 'S', '50000000')).then([{ type: 'LimitGranted', data: terms('L1', 'S', '50000000.00') }]);
  });

  it('keeps the risk class and branch', () => {
    given(book)
      .when(grant('L1', 'S', '1000000.00', { riskClass: 'low-risk', branch: 'Fuzhou' }))
      .then([{ type: 'LimitGranted', data: { ...terms('L1', 'S', '1000000.00'), riskClass: 'low-risk', branch: 'Fuzhou' } }]);
  });

  it('refuses every grant until net capital is declared: NET_CAPITAL_NOT_DECLARED', () => {
    given(customers('S')).when(grant('L1', 'S', '1000000.00')).thenRefused('NET_CAPITAL_NOT_DECLARED');
  });

  it('refuses a grant dated before the first declaration: NET_CAPITAL_NOT_DECLARED', () => {
    given(customers('S'), netCapitalDeclared('1000000000.00', '2026-03-01'))
      .when(grant('L1', 'S', '1000000.00'), ctx({ effectiveDate: '2026-02-15' }))
      .thenRefused('NET_CAPITAL_NOT_DECLARED');
  });

  it('refuses an unknown customer: CUSTOMER_NOT_FOUND', () => {
    given(book).when(grant('L1', 'X', '1000000.00')).thenRefused('CUSTOMER_NOT_FOUND', { customerId: 'X' });
  });

  it('refuses a limit id already used: LIMIT_EXISTS', () => {
    given(book, limitGranted('L1', 'S', '1000000.00')).when(grant('L1', 'T', '1000000.00')).thenRefused('LIMIT_EXISTS', { limitId: 'L1' });
  });

  it('refuses a period whose start is after its end: INVALID_PERIOD', () => {
    given(book).when(grant('L1', 'S', '1000000.00', { validFrom: '2026-12-31', validTo: '2026-06-30' })).thenRefused('INVALID_PERIOD');
  });

  it('refuses a period that ended before the effective date: INVALID_PERIOD', () => {
    given(book).when(grant('L1', 'S', '1000000.00', { validFrom: '2026-01-01', validTo: '2026-03-30' })).thenRefused('INVALID_PERIOD');
  });

  it('refuses a date that does not exist: INVALID_PERIOD', () => {
    given(book).when(grant('L1', 'S', '1000000.00', { validFrom: '2026-02-30' })).thenRefused('INVALID_PERIOD');
  });

  it('accepts a one-day period on the effective date', () => {
    given(book)
      .when(grant('L1', 'S', '1000000.00', { validFrom: '2026-03-31', validTo: '2026-03-31' }))
      .then([{ type: 'LimitGranted', data: { ...terms('L1', 'S', '1000000.00'), validFrom: '2026-03-31', validTo: '2026-03-31' } }]);
  });

  it.each(['0', '0.00'])('refuses an amount of %s: INVALID_AMOUNT', (amount) => {
    given(book).when(grant('L1', 'S', amount)).thenRefused('INVALID_AMOUNT', { amount });
  });

  describe('group cap (15%)', () => {
    const a100 = [book, limitGranted('LA', 'A', '100000000.00')];

    it('allows a grant that brings the group exactly to its cap', () => {
      // 100,000,000.00 + 50,000,000.00 = 150,000,000.00 = cap: within. Above 66,000,000.00, so a request.
      given(...a100).when(grant('LB', 'B', '50000000.00')).then([{ type: 'LimitRequested', data: { ...terms('LB', 'B', '50000000.00'), requestedBy: 'officer-1' } }]);
    });

    it('refuses one fen over the cap: GROUP_CAP_EXCEEDED with the figures', () => {
      // 100,000,000.00 + 50,000,000.01 = 150,000,000.01 > 150,000,000.00.
      given(...a100)
        .when(grant('LB', 'B', '50000000.01'))
        .thenRefused('GROUP_CAP_EXCEEDED', {
          basis: 'limit',
          subjectType: 'group',
          groupId: 'G000001',
          cap: '150000000.00',
          current: '100000000.00',
          requested: '50000000.01',
          after: '150000000.01',
          netCapital: '1000000000.00',
          ratio: '0.15',
        });
    });

    it('measures a group member against the group cap, not the single-customer cap', () => {
      // 120,000,000.00 > 100,000,000.00 (single) but <= 150,000,000.00 (group): a request, not a refusal.
      given(book).when(grant('LB', 'B', '120000000.00')).then([{ type: 'LimitRequested', data: { ...terms('LB', 'B', '120000000.00'), requestedBy: 'officer-1' } }]);
    });
  });

  describe('single-customer cap (10%)', () => {
    it('allows a standalone customer exactly at its cap', () => {
      given(book).when(grant('L1', 'S', '100000000.00')).then([{ type: 'LimitRequested', data: { ...terms('L1', 'S', '100000000.00'), requestedBy: 'officer-1' } }]);
    });

    it('refuses one fen over: CUSTOMER_CAP_EXCEEDED with the figures', () => {
      given(book)
        .when(grant('L1', 'S', '100000000.01'))
        .thenRefused('CUSTOMER_CAP_EXCEEDED', {
          basis: 'limit',
          subjectType: 'customer',
          customerId: 'S',
          groupId: null,
          cap: '100000000.00',
          current: '0.00',
          requested: '100000000.01',
          after: '100000000.01',
          ratio: '0.10',
        });
    });

    it("counts the customer's other limits", () => {
      // 70,000,000.00 + 30,000,000.01 = 100,000,000.01 > 100,000,000.00.
      given(book, limitGranted('L1', 'S', '70000000.00'))
        .when(grant('L2', 'S', '30000000.01'))
        .thenRefused('CUSTOMER_CAP_EXCEEDED', { current: '70000000.00', requested: '30000000.01' });
    });
  });

  describe('escalation above 66,000,000.00', () => {
    it('grants exactly 66,000,000.00 at once (not above the threshold)', () => {
      given(book).when(grant('L1', 'S', '66000000.00')).then([{ type: 'LimitGranted', data: terms('L1', 'S', '66000000.00') }]);
    });

    it('makes 66,000,000.01 a request awaiting approval', () => {
      given(book).when(grant('L1', 'S', '66000000.01')).then([{ type: 'LimitRequested', data: { ...terms('L1', 'S', '66000000.01'), requestedBy: 'officer-1' } }]);
    });

    it("looks at the group's total after the grant, not the grant alone", () => {
      // A 60,000,000.00 + B 6,000,000.00 = 66,000,000.00: at once; + 6,000,000.01 = 66,000,000.01: a request.
      const a60 = [book, limitGranted('LA', 'A', '60000000.00')];
      given(...a60).when(grant('LB', 'B', '6000000.00')).then([{ type: 'LimitGranted', data: terms('LB', 'B', '6000000.00') }]);
      given(...a60).when(grant('LB', 'B', '6000000.01')).then([{ type: 'LimitRequested', data: { ...terms('LB', 'B', '6000000.01'), requestedBy: 'officer-1' } }]);
    });

    it('does not count pending requests toward the cap', () => {
      // S has 90,000,000.00 pending: counted, 90,000,000.00 + 20,000,000.00 = 110,000,000.00 would be over 100,000,000.00.
      // Not counted: 20,000,000.00, within the cap and the threshold.
      given(book, limitRequested('L1', 'S', '90000000.00')).when(grant('L2', 'S', '20000000.00')).then([{ type: 'LimitGranted', data: terms('L2', 'S', '20000000.00') }]);
    });
  });
});

describe('ApproveLimit / RejectLimit', () => {
  const requested = [book, limitRequested('L1', 'S', '80000000.00', 'officer-1')];

  it('approves a request by another user', () => {
    given(...requested)
      .when(approve('L1'), approver)
      .then([
        {
          type: 'LimitApproved',
          data: { limitId: 'L1', customerId: 'S', request: 'grant', amount: '80000000.00', validTo: VALID_TO, requestedBy: 'officer-1', approvedBy: 'approver-1' },
        },
      ]);
  });

  it('refuses the requester approving their own request, even with the approver role: SELF_APPROVAL', () => {
    given(...requested)
      .when(approve('L1'), ctx({ userId: 'officer-1', roles: ['officer', 'approver'] }))
      .thenRefused('SELF_APPROVAL', { limitId: 'L1', requestedBy: 'officer-1' });
  });

  it('refuses approving a limit with nothing pending: NOT_PENDING', () => {
    given(book, limitGranted('L1', 'S', '1000000.00')).when(approve('L1'), approver).thenRefused('NOT_PENDING', { limitId: 'L1' });
    given(...requested, limitRejected('L1', 'S')).when(approve('L1'), approver).thenRefused('NOT_PENDING');
    given(...requested, limitCancelled('L1', 'S')).when(approve('L1'), approver).thenRefused('NOT_PENDING');
  });

  it('refuses approving an unknown limit: LIMIT_NOT_FOUND', () => {
    given(book).when(approve('nope'), approver).thenRefused('LIMIT_NOT_FOUND', { limitId: 'nope' });
  });

  it('checks the cap again at approval: a grant in between that fills the cap makes the approval fail', () => {
    // While L1 (80,000,000.00) waited, L2 (30,000,000.00) was granted: 30,000,000.00 + 80,000,000.00 = 110,000,000.00 > 100,000,000.00.
    given(...requested, limitGranted('L2', 'S', '30000000.00'))
      .when(approve('L1'), approver)
      .thenRefused('CUSTOMER_CAP_EXCEEDED', { cap: '100000000.00', current: '30000000.00', requested: '80000000.00' });
  });

  it('checks the group cap again at approval', () => {
    // A's 100,000,000.00 pending; B granted 60,000,000.00 meanwhile: 160,000,000.00 > 150,000,000.00.
    given(book, limitRequested('LA', 'A', '100000000.00'), limitGranted('LB', 'B', '60000000.00'))
      .when(approve('LA'), approver)
      .thenRefused('GROUP_CAP_EXCEEDED', { groupId: 'G000001', cap: '150000000.00', current: '60000000.00', requested: '100000000.00' });
  });

  it('approves a request that brings the group exactly to its cap', () => {
    // 100,000,000.00 + 50,000,000.00 = 150,000,000.00 = cap.
    given(book, limitGranted('LA', 'A', '100000000.00'), limitRequested('LB', 'B', '50000000.00'))
      .when(approve('LB'), approver)
      .then([
        {
          type: 'LimitApproved',
          data: { limitId: 'LB', customerId: 'B', request: 'grant', amount: '50000000.00', validTo: VALID_TO, requestedBy: 'officer-1', approvedBy: 'approver-1' },
        },
      ]);
  });

  it('checks the cap against the net capital in force at approval', () => {
    // Net capital re-declared 700,000,000.00 while L1 waited: single cap 70,000,000.00 < 80,000,000.00.
    given(...requested, netCapitalDeclared('700000000.00', '2026-03-15'))
      .when(approve('L1'), approver)
      .thenRefused('CUSTOMER_CAP_EXCEEDED', { cap: '70000000.00', current: '0.00', requested: '80000000.00' });
  });

  it('rejects a request', () => {
    given(...requested)
      .when({ type: 'RejectLimit', limitId: 'L1', reason: 'concentration' }, approver)
      .then([{ type: 'LimitRejected', data: { limitId: 'L1', customerId: 'S', request: 'grant', reason: 'concentration', requestedBy: 'officer-1', rejectedBy: 'approver-1' } }]);
  });

  it('refuses rejecting a limit with nothing pending: NOT_PENDING', () => {
    given(book, limitGranted('L1', 'S', '1000000.00')).when({ type: 'RejectLimit', limitId: 'L1', reason: 'x' }, approver).thenRefused('NOT_PENDING');
  });
});

describe('RenewLimit', () => {
  /** S: L1 50,000,000.00 until 2026-06-30. */
  const l1 = [book, limitGranted('L1', 'S', '50000000.00', { validTo: '2026-06-30' })];

  it('renews at once when the total after it stays within the escalation threshold', () => {
    // The renewed limit replaces the old one: 60,000,000.00 <= 66,000,000.00.
    given(...l1)
      .when(renew('L1', '60000000.00', '2027-06-30'))
      .then([
        {
          type: 'LimitRenewed',
          data: { limitId: 'L1', customerId: 'S', previousAmount: '50000000.00', amount: '60000000.00', previousValidTo: '2026-06-30', validTo: '2027-06-30' },
        },
      ]);
  });

  it('makes a renewal above the threshold a request', () => {
    given(...l1)
      .when(renew('L1', '70000000.00', '2027-06-30'))
      .then([{ type: 'LimitRenewalRequested', data: { limitId: 'L1', customerId: 'S', amount: '70000000.00', validTo: '2027-06-30', requestedBy: 'officer-1' } }]);
  });

  const pendingRenewal = [...l1, limitRenewalRequested('L1', 'S', '70000000.00', '2027-06-30', 'officer-1')];

  it('refuses a second renewal while one is pending: RENEWAL_PENDING', () => {
    given(...pendingRenewal).when(renew('L1', '60000000.00', '2027-06-30')).thenRefused('RENEWAL_PENDING', { limitId: 'L1' });
  });

  it('approves a pending renewal by another user', () => {
    given(...pendingRenewal)
      .when(approve('L1'), approver)
      .then([
        {
          type: 'LimitApproved',
          data: { limitId: 'L1', customerId: 'S', request: 'renewal', amount: '70000000.00', validTo: '2027-06-30', requestedBy: 'officer-1', approvedBy: 'approver-1' },
        },
      ]);
  });

  it('refuses the requester approving their own renewal: SELF_APPROVAL', () => {
    given(...pendingRenewal).when(approve('L1'), ctx({ userId: 'officer-1', roles: ['approver'] })).thenRefused('SELF_APPROVAL');
  });

  it('leaves the old limit standing until the renewal is approved', () => {
    // Available is still 50,000,000.00 - 0.00 = 50,000,000.00, not the requested 70,000,000.00.
    const { state } = given(...pendingRenewal);
    expect(state.limits.get('L1')).toMatchObject({ amount: 5_000_000_000n, validTo: '2026-06-30', status: 'active' });
    given(...pendingRenewal)
      .when({ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'L1', amount: '50000000.01', product: 'loan' })
      .thenRefused('LIMIT_EXCEEDED', { available: '50000000.00' });
    given(...pendingRenewal)
      .when({ type: 'BookDrawdown', drawdownId: 'D1', limitId: 'L1', amount: '50000000.00', product: 'loan' })
      .thenIncludes([drawdownBooked('D1', 'L1', 'S', '50000000.00')]);
  });

  it('keeps the old limit when the renewal is rejected', () => {
    given(...pendingRenewal)
      .when({ type: 'RejectLimit', limitId: 'L1', reason: 'no' }, approver)
      .then([{ type: 'LimitRejected', data: { limitId: 'L1', customerId: 'S', request: 'renewal', reason: 'no', requestedBy: 'officer-1', rejectedBy: 'approver-1' } }]);
    const { state } = given(...pendingRenewal, limitRejected('L1', 'S', 'renewal'));
    expect(state.limits.get('L1')).toMatchObject({ amount: 5_000_000_000n, status: 'active', pendingRenewal: null });
  });

  it('checks the cap with the renewed amount in place of the old one', () => {
    // S: L1 50,000,000.00 and L2 20,000,000.00. Renewing L1 to 80,000,000.00: 20,000,000.00 + 80,000,000.00 = 100,000,000.00 = cap;
    // to 80,000,000.01: 100,000,000.01 > cap.
    const two = [...l1, limitGranted('L2', 'S', '20000000.00')];
    given(...two)
      .when(renew('L1', '80000000.00', '2027-06-30'))
      .then([{ type: 'LimitRenewalRequested', data: { limitId: 'L1', customerId: 'S', amount: '80000000.00', validTo: '2027-06-30', requestedBy: 'officer-1' } }]);
    given(...two)
      .when(renew('L1', '80000000.01', '2027-06-30'))
      .thenRefused('CUSTOMER_CAP_EXCEEDED', { cap: '100000000.00', current: '20000000.00', requested: '80000000.01' });
  });

  it('checks the cap again when the renewal is approved', () => {
    // L1 renewal to 90,000,000.00 pending (L1 stands at 50,000,000.00); meanwhile L2 20,000,000.00 granted.
    // At approval: 50,000,000.00 + 20,000,000.00 - 50,000,000.00 (L1 replaced) = 20,000,000.00; + 90,000,000.00 = 110,000,000.00 > 100,000,000.00.
    given(...l1, limitRenewalRequested('L1', 'S', '90000000.00', '2027-06-30'), limitGranted('L2', 'S', '20000000.00'))
      .when(approve('L1'), approver)
      .thenRefused('CUSTOMER_CAP_EXCEEDED', { current: '20000000.00', requested: '90000000.00' });
  });

  it('renews a limit after it has expired', () => {
    given(book, limitGranted('L1', 'S', '50000000.00', { validTo: '2026-02-28' }))
      .when(renew('L1', '50000000.00', '2027-02-28'))
      .then([
        {
          type: 'LimitRenewed',
          data: { limitId: 'L1', customerId: 'S', previousAmount: '50000000.00', amount: '50000000.00', previousValidTo: '2026-02-28', validTo: '2027-02-28' },
        },
      ]);
  });

  it('refuses renewing a limit that is not in force: LIMIT_NOT_ACTIVE', () => {
    given(book, limitRequested('L1', 'S', '80000000.00')).when(renew('L1', '50000000.00', '2027-06-30')).thenRefused('LIMIT_NOT_ACTIVE');
    given(...l1, limitCancelled('L1', 'S')).when(renew('L1', '50000000.00', '2027-06-30')).thenRefused('LIMIT_NOT_ACTIVE');
  });

  it('refuses renewing an unknown limit: LIMIT_NOT_FOUND', () => {
    given(book).when(renew('nope', '50000000.00', '2027-06-30')).thenRefused('LIMIT_NOT_FOUND');
  });

  it('refuses a renewal that would already have expired: INVALID_PERIOD', () => {
    given(...l1).when(renew('L1', '50000000.00', '2026-03-30')).thenRefused('INVALID_PERIOD');
  });

  it('refuses a zero renewal: INVALID_AMOUNT', () => {
    given(...l1).when(renew('L1', '0.00', '2027-06-30')).thenRefused('INVALID_AMOUNT');
  });
});

describe('CancelLimit', () => {
  const drawn = [book, limitGranted('L1', 'S', '50000000.00'), drawdownBooked('D1', 'L1', 'S', '10000000.00')];

  it('refuses cancelling a limit with credit outstanding: LIMIT_HAS_OUTSTANDING', () => {
    given(...drawn).when({ type: 'CancelLimit', limitId: 'L1' }).thenRefused('LIMIT_HAS_OUTSTANDING', { limitId: 'L1', outstanding: '10000000.00' });
  });

  it('refuses while even a fen is outstanding', () => {
    given(...drawn, repaymentBooked('D1', 'L1', 'S', '9999999.99', '0.01', '0.01'))
      .when({ type: 'CancelLimit', limitId: 'L1' })
      .thenRefused('LIMIT_HAS_OUTSTANDING', { outstanding: '0.01' });
  });

  it('cancels once everything is repaid', () => {
    given(...drawn, repaymentBooked('D1', 'L1', 'S', '10000000.00', '0.00', '0.00'))
      .when({ type: 'CancelLimit', limitId: 'L1' })
      .then([{ type: 'LimitCancelled', data: { limitId: 'L1', customerId: 'S' } }]);
  });

  it('refuses cancelling twice: LIMIT_NOT_ACTIVE', () => {
    given(book, limitGranted('L1', 'S', '50000000.00'), limitCancelled('L1', 'S')).when({ type: 'CancelLimit', limitId: 'L1' }).thenRefused('LIMIT_NOT_ACTIVE');
  });

  it('refuses cancelling an unknown limit: LIMIT_NOT_FOUND', () => {
    given(book).when({ type: 'CancelLimit', limitId: 'nope' }).thenRefused('LIMIT_NOT_FOUND');
  });

  it('frees the cap a cancelled limit held', () => {
    // S: 90,000,000.00 cancelled; a new 90,000,000.00 counts alone: 90,000,000.00 <= 100,000,000.00.
    given(book, limitGranted('L1', 'S', '90000000.00'), limitCancelled('L1', 'S'))
      .when(grant('L2', 'S', '90000000.00'))
      .then([{ type: 'LimitRequested', data: { ...terms('L2', 'S', '90000000.00'), requestedBy: 'officer-1' } }]);
  });
});

describe('expired limits in the cap measure', () => {
  /** S: L1 90,000,000.00 expired on 2026-02-28 with 10,000,000.00 still outstanding. */
  const expired = [book, limitGranted('L1', 'S', '90000000.00', { validTo: '2026-02-28' }), drawdownBooked('D1', 'L1', 'S', '10000000.00')];

  it('counts an expired limit with no renewal pending at its outstanding', () => {
    // 10,000,000.00 + 90,000,000.00 = 100,000,000.00 = cap (a request: above 66,000,000.00); + 90,000,000.01 is over.
    given(...expired).when(grant('L2', 'S', '90000000.00')).then([{ type: 'LimitRequested', data: { ...terms('L2', 'S', '90000000.00'), requestedBy: 'officer-1' } }]);
    given(...expired).when(grant('L2', 'S', '90000000.01')).thenRefused('CUSTOMER_CAP_EXCEEDED', { current: '10000000.00', requested: '90000000.01' });
  });

  it('carries an expired limit forward at its amount while its renewal is pending', () => {
    // Carried at 90,000,000.00: + 10,000,000.00 = 100,000,000.00 = cap (a request: above 66,000,000.00); + 10,000,000.01 is over.
    const carried = [...expired, limitRenewalRequested('L1', 'S', '90000000.00', '2027-02-28')];
    given(...carried).when(grant('L2', 'S', '10000000.00')).then([{ type: 'LimitRequested', data: { ...terms('L2', 'S', '10000000.00'), requestedBy: 'officer-1' } }]);
    given(...carried).when(grant('L2', 'S', '10000000.01')).thenRefused('CUSTOMER_CAP_EXCEEDED', { current: '90000000.00', requested: '10000000.01' });
  });
});
