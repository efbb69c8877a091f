import { EVENT_VERSIONS } from './book.events';
import { UnknownEventError, UpcasterRegistry, createUpcast, upcast } from './book.upcasters';

/**
 * A worked example of evolving an event's schema, registered only here: suppose the bank starts booking
 * limits in other currencies (domain.md section 2: "policy may add currencies later").
 *   LimitGranted v2 adds `currency`; every limit recorded before it was in CNY.
 *   LimitGranted v3 renames `branch` to `branchCode` (the branch register's term).
 * The stored v1 events are never rewritten: reading them runs v1 -> v2 -> v3.
 */
const hypothetical: UpcasterRegistry = {
  LimitGranted: {
    1: (data) => ({ ...data, currency: 'CNY' }),
    2: ({ branch, ...rest }) => ({ ...rest, branchCode: branch }),
  },
};
const versions = { ...EVENT_VERSIONS, LimitGranted: 3 };
const upcastV3 = createUpcast(hypothetical, versions);

const storedV1 = { limitId: 'L1', customerId: 'C1', amount: '50000000.00', validFrom: '2025-01-01', validTo: '2025-12-31', riskClass: 'standard', branch: 'BJ' };

describe('upcasting stored events', () => {
  it('reads a v1 event of a type still at v1 unchanged', () => {
    expect(upcast('LimitGranted', 1, storedV1)).toEqual({ type: 'LimitGranted', data: storedV1 });
  });

  it('runs a v1 event through every step to the current version, in order', () => {
    expect(upcastV3('LimitGranted', 1, storedV1)).toEqual({
      type: 'LimitGranted',
      data: { limitId: 'L1', customerId: 'C1', amount: '50000000.00', validFrom: '2025-01-01', validTo: '2025-12-31', riskClass: 'standard', currency: 'CNY', branchCode: 'BJ' },
    });
  });

  it('starts a v2 event at the v2 step: its own currency is kept', () => {
    const storedV2 = { ...storedV1, currency: 'USD' };
    const data = upcastV3('LimitGranted', 2, storedV2).data;
    expect(data).toEqual({ limitId: 'L1', customerId: 'C1', amount: '50000000.00', validFrom: '2025-01-01', validTo: '2025-12-31', riskClass: 'standard', currency: 'USD', branchCode: 'BJ' });
    expect(data).not.toHaveProperty('branch');
  });

  it('leaves an event already at the current version and other types alone', () => {
    const { branch: _branch, ...withoutBranch } = storedV1;
    const storedV3 = { ...withoutBranch, currency: 'HKD', branchCode: 'SH' };
    expect(upcastV3('LimitGranted', 3, storedV3).data).toBe(storedV3);
    expect(upcastV3('LimitCancelled', 1, { limitId: 'L1', customerId: 'C1' })).toEqual({ type: 'LimitCancelled', data: { limitId: 'L1', customerId: 'C1' } });
  });

  it('never mutates the stored data', () => {
    const stored = { ...storedV1 };
    upcastV3('LimitGranted', 1, stored);
    expect(stored).toEqual(storedV1);
  });

  it('refuses a version newer than this build knows, version 0, and unknown types', () => {
    expect(() => upcastV3('LimitGranted', 4, storedV1)).toThrow(new UnknownEventError('LimitGranted', 4, 3));
    expect(() => upcastV3('LimitGranted', 4, storedV1)).toThrow('cannot read event LimitGranted v4: this build knows up to v3');
    expect(() => upcast('LimitGranted', 2, storedV1)).toThrow('cannot read event LimitGranted v2: this build knows up to v1');
    expect(() => upcast('LimitGranted', 0, storedV1)).toThrow(UnknownEventError);
    expect(() => upcast('CreditLineGranted', 1, {})).toThrow('cannot read event CreditLineGranted v1: this build knows no such type');
  });

  it('reads a PolicyChanged of v1 (before the 2018 regime) with the 2018 settings at their defaults', () => {
    const v1 = { groupCapRatio: '0.12', singleCustomerCapRatio: '0.10', escalationThreshold: '66000000.00', equityControlThreshold: '0.5', changed: ['groupCapRatio'] };
    expect(upcast('PolicyChanged', 1, v1).data).toEqual({
      ...v1,
      regimes: ['cbrc-2010', 'nfra-2018'],
      tier1SingleClientRatio: '0.15',
      singleClientLoanRatio: '0.10',
      tier1ConnectedGroupRatio: '0.20',
      tier1InterbankRatio: '0.25',
      largeExposureRatio: '0.025',
      ccf: [
        { product: 'acceptance', factor: '1.00' },
        { product: 'letter-of-credit', factor: '1.00' },
        { product: 'guarantee', factor: '1.00' },
        { product: 'loan-commitment', factor: '1.00' },
        { product: 'derivative', factor: '1.00' },
      ],
    });
  });

  it('reads a breach or cure of v1 as one of the 2010 regime, the only regime then', () => {
    const v1 = { subjectType: 'group', groupId: 'G000001', basis: 'exposure', measure: '160000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' };
    expect(upcast('CapBreached', 1, v1).data).toEqual({ ...v1, regime: 'cbrc-2010' });
    expect(upcast('CapBreachCured', 1, { ...v1, reason: 'back-under-cap' }).data).toEqual({ ...v1, reason: 'back-under-cap', regime: 'cbrc-2010' });
    expect(upcast('CapBreached', 2, { ...v1, regime: 'nfra-2018' }).data).toEqual({ ...v1, regime: 'nfra-2018' });
  });

  it('refuses a chain with a missing step rather than hand on an event of the wrong shape', () => {
    const gap = createUpcast({ LimitGranted: { 1: hypothetical.LimitGranted![1] } }, versions);
    expect(() => gap('LimitGranted', 1, storedV1)).toThrow('cannot read event LimitGranted v2: this build knows up to v3');
  });
});
