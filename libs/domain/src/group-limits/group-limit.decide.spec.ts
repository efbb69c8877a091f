import { ctx, given } from '../testing/book.spec-dsl';
import { VALID_FROM, VALID_TO, customers, drawdownBooked, groupFormed, limitCancelled, limitGranted, netCapitalDeclared, relationRecorded } from '../testing/book.fixtures';
import { allocated, groupLimitInForce, groupLimitRenewalRequested, groupLimitRequested } from '../testing/group-limit.fixtures';
import { BookCommand } from '../book/book.commands';

/**
 * Group unified credit (domain.md section 2): one overall limit for a group, decided by head office, split among
 * its members. Net capital 1,000,000,000.00 -> group cap 15% = 150,000,000.00; escalation threshold 66,000,000.00.
 * A holds 60% of B and of C: G000001 = {A, B, C}. S stands alone. Today is 2026-03-31.
 */
const book = [
  netCapitalDeclared('1000000000.00'),
  ...customers('A', 'B', 'C', 'S'),
  relationRecorded('A-B', 'A', 'B', 'equity', '0.6'),
  relationRecorded('A-C', 'A', 'C', 'equity', '0.6'),
  groupFormed('G000001', ['A', 'B', 'C']),
];
const approver = ctx({ userId: 'approver-1', roles: ['approver'] });

const request = (amount: string, extra: Partial<BookCommand & { type: 'RequestGroupLimit' }> = {}): BookCommand => ({
  type: 'RequestGroupLimit',
  groupLimitId: 'GL1',
  groupId: 'G000001',
  amount,
  validFrom: VALID_FROM,
  validTo: VALID_TO,
  ...extra,
});
const allocate = (limitId: string, customerId: string, amount: string, validTo = VALID_TO): BookCommand => ({
  type: 'GrantLimit',
  limitId,
  customerId,
  amount,
  validFrom: VALID_FROM,
  validTo,
  groupLimitId: 'GL1',
});
const reallocate = (fromLimitId: string, toLimitId: string, amount: string): BookCommand => ({ type: 'ReallocateGroupLimit', groupLimitId: 'GL1', fromLimitId, toLimitId, amount });
const allocationTerms = (limitId: string, customerId: string, amount: string) => ({
  limitId,
  customerId,
  amount,
  validFrom: VALID_FROM,
  validTo: VALID_TO,
  riskClass: 'standard' as const,
  branch: null,
  groupLimitId: 'GL1',
});

/** GL1 of 100,000,000.00 in force for G000001. */
const gl100 = [book, groupLimitInForce('GL1', 'G000001', '100000000.00')];

describe('RequestGroupLimit', () => {
  it('is always a request, however small: head office decides', () => {
    // 10,000,000.00 is far below the 66,000,000.00 escalation threshold, and still only a request.
    given(book)
      .when(request('10000000.00'))
      .then([{ type: 'GroupLimitRequested', data: { groupLimitId: 'GL1', groupId: 'G000001', amount: '10000000.00', validFrom: VALID_FROM, validTo: VALID_TO, requestedBy: 'officer-1' } }]);
  });

  it('refuses a group that does not exist on its date: GROUP_NOT_FOUND', () => {
    given(book).when(request('10000000.00', { groupId: 'G000009' })).thenRefused('GROUP_NOT_FOUND', { groupId: 'G000009' });
  });

  it('refuses an id already used, and a second group limit while one is pending or in force: GROUP_LIMIT_EXISTS', () => {
    given(book, groupLimitRequested('GL1', 'G000001', '10000000.00')).when(request('10000000.00')).thenRefused('GROUP_LIMIT_EXISTS', { groupLimitId: 'GL1' });
    given(book, groupLimitRequested('GL0', 'G000001', '10000000.00')).when(request('10000000.00')).thenRefused('GROUP_LIMIT_EXISTS', { groupLimitId: 'GL0', groupId: 'G000001' });
    given(book, groupLimitInForce('GL0', 'G000001', '10000000.00')).when(request('10000000.00')).thenRefused('GROUP_LIMIT_EXISTS', { groupLimitId: 'GL0' });
  });

  it('accepts a new one once the old one expired with no renewal pending', () => {
    // GL0 ran until 2026-02-28; on 2026-03-31 it has expired: a new envelope may be requested.
    given(book, groupLimitInForce('GL0', 'G000001', '10000000.00', { validTo: '2026-02-28' }))
      .when(request('10000000.00'))
      .thenIncludes([expect.objectContaining({ type: 'GroupLimitRequested' })]);
  });

  it('counts the group limit against the group cap as if approved: GROUP_CAP_EXCEEDED with the figures', () => {
    // A holds 40,000,000.00 outside any group limit. 40,000,000.00 + 110,000,000.00 = 150,000,000.00 = cap: within;
    // 40,000,000.00 + 110,000,000.01 = 150,000,000.01 > 150,000,000.00: refused.
    const a40 = [book, limitGranted('LX', 'A', '40000000.00')];
    given(...a40).when(request('110000000.00')).thenIncludes([expect.objectContaining({ type: 'GroupLimitRequested' })]);
    given(...a40)
      .when(request('110000000.01'))
      .thenRefused('GROUP_CAP_EXCEEDED', { groupId: 'G000001', cap: '150000000.00', current: '40000000.00', requested: '110000000.01', after: '150000000.01' });
  });

  it('refuses a period that is not one: INVALID_PERIOD', () => {
    given(book).when(request('10000000.00', { validFrom: '2026-12-31', validTo: '2026-06-30' })).thenRefused('INVALID_PERIOD');
  });
});

describe('ApproveGroupLimit / RejectGroupLimit', () => {
  const requested = [book, groupLimitRequested('GL1', 'G000001', '100000000.00')];

  it('approves a request by someone other than the requester', () => {
    given(...requested)
      .when({ type: 'ApproveGroupLimit', groupLimitId: 'GL1' }, approver)
      .then([
        {
          type: 'GroupLimitApproved',
          data: { groupLimitId: 'GL1', groupId: 'G000001', request: 'grant', amount: '100000000.00', validTo: VALID_TO, requestedBy: 'officer-1', approvedBy: 'approver-1' },
        },
      ]);
  });

  it('refuses the requester: SELF_APPROVAL', () => {
    given(...requested)
      .when({ type: 'ApproveGroupLimit', groupLimitId: 'GL1' }, ctx({ userId: 'Officer-1', roles: ['approver'] }))
      .thenRefused('SELF_APPROVAL', { groupLimitId: 'GL1', requestedBy: 'officer-1' });
  });

  it('refuses a group limit with nothing pending: NOT_PENDING', () => {
    given(...gl100).when({ type: 'ApproveGroupLimit', groupLimitId: 'GL1' }, approver).thenRefused('NOT_PENDING');
  });

  it('checks the cap again at approval', () => {
    // Since the request, B was granted 60,000,000.00 outside it: 60,000,000.00 + 100,000,000.00 = 160,000,000.00 > 150,000,000.00.
    given(...requested, limitGranted('LB', 'B', '60000000.00'))
      .when({ type: 'ApproveGroupLimit', groupLimitId: 'GL1' }, approver)
      .thenRefused('GROUP_CAP_EXCEEDED', { current: '60000000.00', requested: '100000000.00', after: '160000000.00' });
  });

  it('rejects a request', () => {
    given(...requested)
      .when({ type: 'RejectGroupLimit', groupLimitId: 'GL1', reason: 'too large' }, approver)
      .then([{ type: 'GroupLimitRejected', data: { groupLimitId: 'GL1', groupId: 'G000001', request: 'grant', reason: 'too large', requestedBy: 'officer-1', rejectedBy: 'approver-1' } }]);
  });

  it('refuses an unknown group limit: GROUP_LIMIT_NOT_FOUND', () => {
    given(book).when({ type: 'ApproveGroupLimit', groupLimitId: 'GLX' }, approver).thenRefused('GROUP_LIMIT_NOT_FOUND', { groupLimitId: 'GLX' });
  });
});

describe('RenewGroupLimit / CancelGroupLimit', () => {
  const split = [...gl100, allocated('LA1', 'A', '30000000.00', 'GL1'), allocated('LB1', 'B', '30000000.00', 'GL1'), allocated('LC1', 'C', '30000000.00', 'GL1')];

  it('makes every renewal a request', () => {
    given(...split)
      .when({ type: 'RenewGroupLimit', groupLimitId: 'GL1', amount: '95000000.00', validTo: '2027-06-30' })
      .then([{ type: 'GroupLimitRenewalRequested', data: { groupLimitId: 'GL1', groupId: 'G000001', amount: '95000000.00', validTo: '2027-06-30', requestedBy: 'officer-1' } }]);
  });

  it('refuses a renewal below what is allocated: GROUP_LIMIT_EXCEEDED', () => {
    // 30,000,000.00 x 3 = 90,000,000.00 allocated > 89,999,999.99.
    given(...split)
      .when({ type: 'RenewGroupLimit', groupLimitId: 'GL1', amount: '89999999.99', validTo: '2027-06-30' })
      .thenRefused('GROUP_LIMIT_EXCEEDED', { groupLimit: '89999999.99', allocated: '90000000.00', requested: '0.00' });
  });

  it('refuses a second renewal while one is pending: RENEWAL_PENDING', () => {
    given(...split, groupLimitRenewalRequested('GL1', 'G000001', '95000000.00', '2027-06-30'))
      .when({ type: 'RenewGroupLimit', groupLimitId: 'GL1', amount: '96000000.00', validTo: '2027-06-30' })
      .thenRefused('RENEWAL_PENDING');
  });

  it('approves a renewal: the new amount and end date', () => {
    given(...split, groupLimitRenewalRequested('GL1', 'G000001', '95000000.00', '2027-06-30'))
      .when({ type: 'ApproveGroupLimit', groupLimitId: 'GL1' }, approver)
      .then([
        {
          type: 'GroupLimitApproved',
          data: { groupLimitId: 'GL1', groupId: 'G000001', request: 'renewal', amount: '95000000.00', validTo: '2027-06-30', requestedBy: 'officer-1', approvedBy: 'approver-1' },
        },
      ]);
  });

  it('cancels only with nothing outstanding under any allocation: LIMIT_HAS_OUTSTANDING', () => {
    given(...split, drawdownBooked('D1', 'LB1', 'B', '1000000.00'))
      .when({ type: 'CancelGroupLimit', groupLimitId: 'GL1' })
      .thenRefused('LIMIT_HAS_OUTSTANDING', { groupLimitId: 'GL1', limitId: 'LB1', outstanding: '1000000.00' });
    given(...split).when({ type: 'CancelGroupLimit', groupLimitId: 'GL1' }).then([{ type: 'GroupLimitCancelled', data: { groupLimitId: 'GL1', groupId: 'G000001' } }]);
  });
});

describe('allocations: member limits granted under a group limit', () => {
  it('are granted at once, even above the escalation threshold: head office decided the envelope', () => {
    // 70,000,000.00 > 66,000,000.00 would make a plain grant a request; the group's figure stays 100,000,000.00.
    given(...gl100).when(allocate('LA1', 'A', '70000000.00')).then([{ type: 'LimitGranted', data: allocationTerms('LA1', 'A', '70000000.00') }]);
  });

  it('may not add up to more than the group limit: GROUP_LIMIT_EXCEEDED with the figures', () => {
    // 40,000,000.00 + 40,000,000.00 = 80,000,000.00 allocated; + 20,000,000.00 = 100,000,000.00: exactly the group limit;
    // + 20,000,000.01 = 100,000,000.01 > 100,000,000.00.
    const a40b40 = [...gl100, allocated('LA1', 'A', '40000000.00', 'GL1'), allocated('LB1', 'B', '40000000.00', 'GL1')];
    given(...a40b40).when(allocate('LC1', 'C', '20000000.00')).then([{ type: 'LimitGranted', data: allocationTerms('LC1', 'C', '20000000.00') }]);
    given(...a40b40)
      .when(allocate('LC1', 'C', '20000000.01'))
      .thenRefused('GROUP_LIMIT_EXCEEDED', { groupLimitId: 'GL1', groupLimit: '100000000.00', allocated: '80000000.00', requested: '20000000.01', after: '100000000.01' });
  });

  it('frees the room of a cancelled allocation', () => {
    // LA1's 40,000,000.00 cancelled: 40,000,000.00 allocated, so 60,000,000.00 fits.
    given(...gl100, allocated('LA1', 'A', '40000000.00', 'GL1'), allocated('LB1', 'B', '40000000.00', 'GL1'), limitCancelled('LA1', 'A'))
      .when(allocate('LC1', 'C', '60000000.00'))
      .then([{ type: 'LimitGranted', data: allocationTerms('LC1', 'C', '60000000.00') }]);
  });

  it('need an approved group limit in force: LIMIT_NOT_ACTIVE', () => {
    given(book, groupLimitRequested('GL1', 'G000001', '100000000.00')).when(allocate('LA1', 'A', '1000000.00')).thenRefused('LIMIT_NOT_ACTIVE', { groupLimitId: 'GL1', status: 'pending' });
  });

  it("go only to members of the group limit's group: NOT_IN_GROUP", () => {
    given(...gl100).when(allocate('LS1', 'S', '1000000.00')).thenRefused('NOT_IN_GROUP', { customerId: 'S', groupId: 'G000001', groupLimitId: 'GL1' });
  });

  it('cannot run past the group limit: INVALID_PERIOD', () => {
    given(...gl100).when(allocate('LA1', 'A', '1000000.00', '2027-01-31')).thenRefused('INVALID_PERIOD');
  });

  it('name an existing group limit: GROUP_LIMIT_NOT_FOUND', () => {
    given(book).when(allocate('LA1', 'A', '1000000.00')).thenRefused('GROUP_LIMIT_NOT_FOUND', { groupLimitId: 'GL1' });
  });
});

describe('ReallocateGroupLimit (额度调剂)', () => {
  // LA1 40,000,000.00 with 30,000,000.00 drawn: 10,000,000.00 unused. LB1 30,000,000.00.
  const drawn = [...gl100, allocated('LA1', 'A', '40000000.00', 'GL1'), allocated('LB1', 'B', '30000000.00', 'GL1'), drawdownBooked('D1', 'LA1', 'A', '30000000.00'), limitGranted('LX', 'A', '5000000.00')];

  it("moves unused room from one member limit to another in one event", () => {
    // LA1 40,000,000.00 - 10,000,000.00 = 30,000,000.00 (all of it drawn); LB1 30,000,000.00 + 10,000,000.00 = 40,000,000.00.
    given(...drawn)
      .when(reallocate('LA1', 'LB1', '10000000.00'))
      .then([
        {
          type: 'GroupLimitReallocated',
          data: {
            groupLimitId: 'GL1',
            groupId: 'G000001',
            fromLimitId: 'LA1',
            fromCustomerId: 'A',
            toLimitId: 'LB1',
            toCustomerId: 'B',
            amount: '10000000.00',
            fromAmountAfter: '30000000.00',
            toAmountAfter: '40000000.00',
          },
        },
      ]);
  });

  it('never takes the source below what it has outstanding: LIMIT_EXCEEDED', () => {
    // 40,000,000.00 - 30,000,000.00 outstanding = 10,000,000.00 unused < 10,000,000.01.
    given(...drawn)
      .when(reallocate('LA1', 'LB1', '10000000.01'))
      .thenRefused('LIMIT_EXCEEDED', { limitId: 'LA1', limit: '40000000.00', outstanding: '30000000.00', available: '10000000.00', requested: '10000000.01' });
  });

  it('moves only between allocations of that group limit: NOT_AN_ALLOCATION', () => {
    given(...drawn).when(reallocate('LB1', 'LX', '1000000.00')).thenRefused('NOT_AN_ALLOCATION', { limitId: 'LX', groupLimitId: 'GL1' });
  });

  it('refuses moving room to the same limit', () => {
    given(...drawn).when(reallocate('LB1', 'LB1', '1000000.00')).thenRefused('VALIDATION_FAILED');
  });
});

describe('an allocation renewed', () => {
  it('is renewed at once inside the group limit, and refused past its room: GROUP_LIMIT_EXCEEDED', () => {
    // LA1 40,000,000.00 + LB1 40,000,000.00 = 80,000,000.00. LA1 to 60,000,000.00: 80 - 40 + 60 = 100,000,000.00, within;
    // to 60,000,000.01: 100,000,000.01 > 100,000,000.00.
    const a40b40 = [...gl100, allocated('LA1', 'A', '40000000.00', 'GL1'), allocated('LB1', 'B', '40000000.00', 'GL1')];
    given(...a40b40)
      .when({ type: 'RenewLimit', limitId: 'LA1', amount: '60000000.00', validTo: VALID_TO })
      .then([{ type: 'LimitRenewed', data: { limitId: 'LA1', customerId: 'A', previousAmount: '40000000.00', amount: '60000000.00', previousValidTo: VALID_TO, validTo: VALID_TO } }]);
    given(...a40b40)
      .when({ type: 'RenewLimit', limitId: 'LA1', amount: '60000000.01', validTo: VALID_TO })
      .thenRefused('GROUP_LIMIT_EXCEEDED', { allocated: '80000000.00', requested: '20000000.01' });
  });
});
