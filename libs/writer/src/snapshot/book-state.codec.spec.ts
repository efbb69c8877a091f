import { BookEvent, BookState, CUSTOMER_KINDS, Customer, Customers, LARGE_EXPOSURE_POLICY_DEFAULTS, Limit, Relation, TextColumn, evolve, initialBookState, policyOn } from '@groupcap/domain';
import { ENCODED_FIELDS, SnapshotFormatError, decodeBookState, encodeBookState } from './book-state.codec';
import { ColumnReader, ColumnWriter } from './snapshot-columns';

/** Through the bytes a snapshot file holds, as FileSnapshotStore writes and reads them. */
const roundTrip = (state: BookState, blockItems?: number) => {
  const columns = new ColumnWriter({ blockItems });
  encodeBookState(state, columns);
  const { sizes, payload } = columns.finish();
  const reader = new ColumnReader(Buffer.from(payload), sizes);
  const restored = decodeBookState(reader);
  reader.end();
  return restored;
};

/** A book with something in every collection, every limit status, a pending renewal, breaches and a filing. */
function richState(): BookState {
  const terms = (limitId: string, customerId: string, amount: string, validTo = '2025-12-31') => ({
    limitId,
    customerId,
    amount,
    validFrom: '2025-01-01',
    validTo,
    riskClass: 'standard' as const,
    branch: 'BJ',
  });
  const events: BookEvent[] = [
    { type: 'NetCapitalDeclared', data: { asOf: '2024-12-31', netCapital: '1000000000.00' } },
    { type: 'NetCapitalDeclared', data: { asOf: '2025-06-30', netCapital: '900000000.50', tier1NetCapital: '800000000.00' } },
    { type: 'PolicyChanged', data: { groupCapRatio: '0.14', singleCustomerCapRatio: '0.10', escalationThreshold: '50000000.00', equityControlThreshold: '0.5', ...LARGE_EXPOSURE_POLICY_DEFAULTS, changed: ['groupCapRatio', 'escalationThreshold'] } },
    { type: 'CustomerRegistered', data: { customerId: 'P', name: '华夏控股集团有限公司', kind: 'enterprise', creditCode: '91350100M000100Y43' } },
    { type: 'CustomerRegistered', data: { customerId: 'A', name: 'Alpha', kind: 'enterprise', creditCode: null } },
    { type: 'CustomerRegistered', data: { customerId: 'B', name: 'Beta', kind: 'financial-institution', creditCode: null } },
    { type: 'CustomerRegistered', data: { customerId: 'W', name: '王建国', kind: 'individual', creditCode: null } },
    { type: 'CustomerRegistered', data: { customerId: 'R', name: '某市国资委', kind: 'state-asset-regulator', creditCode: null } },
    { type: 'RelationRecorded', data: { relationId: 'P-A', from: 'P', to: 'A', relationType: 'equity', share: '0.6' } },
    { type: 'RelationRecorded', data: { relationId: 'P-B', from: 'P', to: 'B', relationType: 'board', share: null } },
    { type: 'RelationRecorded', data: { relationId: 'W-P', from: 'W', to: 'P', relationType: 'management', share: null } },
    { type: 'RelationRecorded', data: { relationId: 'A~B', from: 'A', to: 'B', relationType: 'economic-dependence', share: null } },
    { type: 'GroupFormed', data: { groupId: 'G000001', name: '华夏控股集团有限公司', members: ['A', 'P'] } },
    { type: 'GroupMemberJoined', data: { groupId: 'G000001', customerId: 'B' } },
    { type: 'LimitGranted', data: terms('LP', 'P', '30000000.00') },
    { type: 'LimitGranted', data: { ...terms('LA', 'A', '20000000.00', '2025-03-31'), riskClass: 'low-risk', branch: null } },
    { type: 'LimitRequested', data: { ...terms('LB', 'B', '90000000.00'), requestedBy: 'officer-1' } },
    { type: 'LimitGranted', data: terms('LX', 'A', '1000000.00') },
    { type: 'LimitCancelled', data: { limitId: 'LX', customerId: 'A' } },
    { type: 'LimitRequested', data: { ...terms('LY', 'P', '5000000.00'), requestedBy: 'officer-2' } },
    { type: 'LimitRejected', data: { limitId: 'LY', customerId: 'P', request: 'grant', reason: 'no', requestedBy: 'officer-2', rejectedBy: 'approver-1' } },
    { type: 'LimitRenewalRequested', data: { limitId: 'LA', customerId: 'A', amount: '25000000.00', validTo: '2026-03-31', requestedBy: 'officer-1' } },
    { type: 'DrawdownBooked', data: { drawdownId: 'D1', limitId: 'LP', customerId: 'P', product: 'acceptance', amount: '10000000.00', margin: '4000000.00', exposure: '6000000.00' } },
    { type: 'DrawdownBooked', data: { drawdownId: 'D2', limitId: 'LA', customerId: 'A', product: 'guarantee', amount: '3000000.00', margin: '3000000.00', exposure: '0.00' } },
    { type: 'RepaymentBooked', data: { drawdownId: 'D1', limitId: 'LP', customerId: 'P', amount: '1000000.00', outstandingAfter: '9000000.00', exposureAfter: '5000000.00' } },
    { type: 'CapBreached', data: { subjectType: 'group', groupId: 'G000001', basis: 'limit', measure: '140000000.00', cap: '126000000.07', netCapital: '900000000.50', ratio: '0.14' } },
    { type: 'CapBreached', data: { subjectType: 'group', groupId: 'G000001', basis: 'exposure', measure: '130000000.00', cap: '126000000.07', netCapital: '900000000.50', ratio: '0.14' } },
    // The 2018 regime: its policy settings (a factor table folded per product), and its own breach books.
    {
      type: 'PolicyChanged',
      data: {
        groupCapRatio: '0.14', singleCustomerCapRatio: '0.10', escalationThreshold: '50000000.00', equityControlThreshold: '0.5',
        ...LARGE_EXPOSURE_POLICY_DEFAULTS,
        regimes: ['cbrc-2010'], tier1InterbankRatio: '0.2', ccf: [{ product: 'guarantee', factor: '0.5' }], ccfProducts: ['guarantee'],
        changed: ['regimes', 'tier1InterbankRatio', 'ccf'],
      },
    },
    { type: 'CapBreached', data: { subjectType: 'connected-group', connectedGroupId: 'A', regime: 'nfra-2018', basis: 'tier1-connected-group', measure: '170000000.00', cap: '160000000.00', netCapital: '900000000.50', ratio: '0.20', capitalBase: 'tier1-net-capital', tier1NetCapital: '800000000.00', members: ['A', 'B', 'P'] } },
    { type: 'CapBreached', data: { subjectType: 'customer', customerId: 'P', regime: 'nfra-2018', basis: 'single-client-loans', measure: '95000000.00', cap: '90000000.05', netCapital: '900000000.50', ratio: '0.10', capitalBase: 'net-capital', tier1NetCapital: '800000000.00' } },
    { type: 'CapBreachCured', data: { subjectType: 'customer', customerId: 'P', regime: 'nfra-2018', basis: 'single-client-loans', measure: '85000000.00', cap: '90000000.05', netCapital: '900000000.50', ratio: '0.10', capitalBase: 'net-capital', tier1NetCapital: '800000000.00', reason: 'back-under-cap' } },
    { type: 'LargeCreditReportFiled', data: { asOf: '2025-03-31', netCapital: '1000000000.00', rows: [] } },
    // Group unified credit: one in force with an allocation and a pending renewal, one rejected.
    { type: 'GroupLimitRequested', data: { groupLimitId: 'GL1', groupId: 'G000001', amount: '60000000.00', validFrom: '2025-01-01', validTo: '2025-12-31', requestedBy: 'officer-1' } },
    { type: 'GroupLimitApproved', data: { groupLimitId: 'GL1', groupId: 'G000001', request: 'grant', amount: '60000000.00', validTo: '2025-12-31', requestedBy: 'officer-1', approvedBy: 'approver-1' } },
    { type: 'LimitGranted', data: { ...terms('LG', 'B', '5000000.00'), groupLimitId: 'GL1' } },
    { type: 'GroupLimitRenewalRequested', data: { groupLimitId: 'GL1', groupId: 'G000001', amount: '70000000.00', validTo: '2026-12-31', requestedBy: 'officer-1' } },
    { type: 'GroupLimitRequested', data: { groupLimitId: 'GL2', groupId: 'G000001', amount: '1000000.00', validFrom: '2025-01-01', validTo: '2025-12-31', requestedBy: 'officer-1' } },
    { type: 'GroupLimitRejected', data: { groupLimitId: 'GL2', groupId: 'G000001', request: 'grant', reason: 'no', requestedBy: 'officer-1', rejectedBy: 'approver-1' } },
  ];
  return events.reduce(evolve, initialBookState);
}

describe('BookState snapshot encoding', () => {
  it('gives back the same state: every collection, figure and status', () => {
    const state = richState();
    const restored = roundTrip(state);
    expect(restored).toEqual(state);
    // Figures a user would check, read off the restored state.
    expect(restored.limits.get('LP')).toMatchObject({ amount: 3_000_000_000n, outstanding: 900_000_000n, exposure: 500_000_000n, status: 'active' });
    expect(restored.limits.get('LA')?.pendingRenewal).toEqual({ amount: 2_500_000_000n, validTo: '2026-03-31', requestedBy: 'officer-1' });
    expect(restored.limits.get('LB')).toMatchObject({ status: 'pending', requestedBy: 'officer-1' });
    expect(restored.limits.get('LX')?.status).toBe('cancelled');
    expect(restored.limits.get('LY')?.status).toBe('rejected');
    expect(restored.capital.toArray()).toEqual([
      { asOf: '2024-12-31', netCapital: 100_000_000_000n, tier1NetCapital: null },
      { asOf: '2025-06-30', netCapital: 90_000_000_050n, tier1NetCapital: 80_000_000_000n },
    ]);
    expect(policyOn(restored.policyChanges, '2026-01-01').escalationThreshold).toBe(5_000_000_000n);
    expect(policyOn(restored.policyChanges, '2026-01-01')).toMatchObject({ regimes: ['cbrc-2010'], tier1InterbankRatio: '0.2', tier1SingleClientRatio: '0.15' });
    expect(policyOn(restored.policyChanges, '2026-01-01').ccf).toContainEqual({ product: 'guarantee', factor: '0.5' });
    expect(policyOn(restored.policyChanges, '2026-01-01').ccf).toContainEqual({ product: 'acceptance', factor: '1.00' });
    expect(restored.largeExposureBreaches.get('connected-group:A')?.get('tier1-connected-group')).toEqual({ measure: 17_000_000_000n, cap: 16_000_000_000n });
    expect(restored.largeExposureBreaches.has('customer:P')).toBe(false);
    expect(restored.largeExposureBreachHistory).toEqual(state.largeExposureBreachHistory);
    expect(restored.largeExposureBreachHistory.get('customer:P')).toHaveLength(2);
    expect(restored.customerByCreditCode.get('91350100M000100Y43')).toBe('P');
    expect(restored.customerByCreditCode.size).toBe(1);
    expect(restored.economicTies.get('B')?.map((r) => r.relationId)).toEqual(['A~B']);
    expect(restored.economicTies.get('A')?.[0]).toBe(restored.relations.get('A~B'));
    expect(restored.economicTies.has('P')).toBe(false);
    expect(restored.groups.get('G000001')?.members.toArray().sort()).toEqual(['A', 'B', 'P']);
    expect(restored.breaches.get('group:G000001')?.get('limit')).toEqual({ measure: 14_000_000_000n, cap: 12_600_000_007n });
    expect(restored.filedReports.has('2025-03-31')).toBe(true);
    expect(restored.groupLimits.get('GL1')).toMatchObject({ status: 'active', amount: 6_000_000_000n, allocationIds: ['LG'], pendingRenewal: { amount: 7_000_000_000n } });
    expect(restored.groupLimits.get('GL2')?.status).toBe('rejected');
    expect(restored.limits.get('LG')?.groupLimitId).toBe('GL1');
  });

  it('gives back the same state from a payload in many small blocks, strings named across blocks', () => {
    const state = richState();
    // Three refs, figures or strings a block: every section breaks mid-entry, and most refs name a string an
    // earlier block wrote.
    const columns = new ColumnWriter({ blockItems: 3 });
    encodeBookState(state, columns);
    const { sizes } = columns.finish();
    expect(sizes.blocks).toBeGreaterThan(sizes.refs / 3 - 1);
    expect(roundTrip(state, 3)).toEqual(state);
  });

  it('keeps the iteration order of every collection, also after removals from large maps', () => {
    let state = richState();
    const many = Array.from({ length: 40 }, (_, i) => `C${String(i).padStart(3, '0')}`);
    for (const id of many) state = evolve(state, { type: 'CustomerRegistered', data: { customerId: id, name: id, kind: 'enterprise', creditCode: null } });
    state = evolve(state, { type: 'GroupFormed', data: { groupId: 'G000002', name: 'big', members: many } });
    state = evolve(state, { type: 'GroupMemberLeft', data: { groupId: 'G000002', customerId: 'C007' } });
    state = evolve(state, { type: 'GroupMemberLeft', data: { groupId: 'G000002', customerId: 'C031' } });
    const restored = roundTrip(state);
    expect([...restored.groupOf.keys()]).toEqual([...state.groupOf.keys()]);
    expect([...restored.customers.keys()]).toEqual([...state.customers.keys()]);
    expect([...restored.groups.get('G000002')!.members]).toEqual([...state.groups.get('G000002')!.members]);
    expect([...restored.relationsByCustomer.get('P')!]).toEqual([...state.relationsByCustomer.get('P')!]);
    expect([...restored.limitsByCustomer.keys()]).toEqual([...state.limitsByCustomer.keys()]);
  });

  it('covers every field of BookState (a new field needs encoding and a new SNAPSHOT_SCHEMA_VERSION)', () => {
    expect(Object.keys(initialBookState).sort()).toEqual([
      'breachHistory',
      'breaches',
      'capital',
      'customerByCreditCode',
      'customers',
      'dates',
      'drawdowns',
      'economicTies',
      'everInGroup',
      'filedReports',
      'groupLimits',
      'groupLimitsByGroup',
      'groupNames',
      'groupOf',
      'groupSeq',
      'groupingDates',
      'groups',
      'largeExposureBreachHistory',
      'largeExposureBreaches',
      'limits',
      'limitsByCustomer',
      'memberships',
      'policyChanges',
      'relations',
      'relationsByCustomer',
    ]);
    expect([...ENCODED_FIELDS].sort()).toEqual(Object.keys(initialBookState).sort());
    expect(roundTrip(initialBookState)).toEqual(initialBookState);
  });

  it('keeps a figure beyond 64 bits whole (written as text), and negative ones', () => {
    const state = richState();
    const huge = 2n ** 70n + 3n;
    const limit = { ...state.limits.get('LP')!, amount: huge, outstanding: -(2n ** 63n), exposure: -5n };
    const restored = roundTrip({ ...state, limits: state.limits.set('LP', limit), limitsByCustomer: state.limitsByCustomer.set('P', [limit]) });
    expect(restored.limits.get('LP')).toMatchObject({ amount: huge, outstanding: -(2n ** 63n), exposure: -5n });
    expect(restored.limitsByCustomer.get('P')?.[0]).toBe(restored.limits.get('LP'));
  });

  it('shares one string per distinct value: the restored ids are the keys of every map naming them', () => {
    const restored = roundTrip(richState());
    expect(restored.limits.get('LP')?.customerId).toBe('P');
    expect(restored.customers.get('P')?.name).toBe('华夏控股集团有限公司');
    // Lone surrogates survive too (UTF-16 text): a name is given back exactly as it was registered.
    const odd = evolve(richState(), { type: 'CustomerRegistered', data: { customerId: 'Z', name: 'bad \ud800 half', kind: 'enterprise', creditCode: null } });
    expect(roundTrip(odd).customers.get('Z')?.name).toBe('bad \ud800 half');
  });

  describe('trusts nothing it reads', () => {
    /** The payload of `state` as written, however wrong the state (the checksum would be right for it). */
    const decodeOf = (state: BookState) => {
      const columns = new ColumnWriter();
      encodeBookState(state, columns);
      const { sizes, payload } = columns.finish();
      return () => decodeBookState(new ColumnReader(payload, sizes));
    };

    it('refuses an unknown customer kind, relation type or limit status', () => {
      const state = richState();
      const company = { ...state.customers.get('A')!, kind: 'company' } as unknown as Customer;
      const customers = [...state.customers.values()].reduce((book, c) => book.registered(c.customerId === 'A' ? company : c), Customers.none);
      expect(decodeOf({ ...state, customers })).toThrow(
        new SnapshotFormatError(`state.customers[1]: expected one of ${CUSTOMER_KINDS.join(', ')}, got "company"`),
      );
      const approved = { ...state.limits.get('LP')!, status: 'approved' } as unknown as Limit;
      expect(decodeOf({ ...state, limits: state.limits.set('LP', approved) })).toThrow('state.limits[0]: expected one of pending, active, rejected, cancelled, got "approved"');
      const relation = { ...state.relations.get('P-A')!, relationType: 'friendship' } as unknown as Relation;
      expect(decodeOf({ ...state, relations: state.relations.set('P-A', relation) })).toThrow('state.relations[0]');
    });

    it('refuses a key written twice and an index naming what is not there', () => {
      const state = richState();
      // What customersInSteps reads of the customers, with the first of them once more at the end.
      const list = [...state.customers.values(), state.customers.get('P')!];
      const names = new TextColumn();
      for (const c of list) names.add(c.name);
      const twice = { size: list.length, values: () => list.values(), names: (from: number, to: number) => names.run(from, to) };
      expect(decodeOf({ ...state, customers: twice as unknown as BookState['customers'] })).toThrow(
        // P, A, B, W and R registered in that order (items 0-4), then P again.
        new SnapshotFormatError('state.customers[5]: expected customer P once'),
      );
      // The names' run says 'P Co.' is 3 code units long and gives 5 of them; then a run of no names at all.
      const torn = { ...twice, size: 1, names: () => ({ lengths: Int32Array.of(3), units: Uint16Array.from('P Co.', (c) => c.charCodeAt(0)) }) };
      expect(decodeOf({ ...state, customers: torn as unknown as BookState['customers'] })).toThrow(
        new SnapshotFormatError('state.customers: expected runs of names that fit together: texts of 3 code units in all, given 5'),
      );
      const none = { ...twice, size: 1, names: () => ({ lengths: new Int32Array(0), units: new Uint16Array(0) }) };
      expect(decodeOf({ ...state, customers: none as unknown as BookState['customers'] })).toThrow(
        new SnapshotFormatError('state.customers: expected the names of 1 customers in runs'),
      );
      // D1 and D2 as written, then D2's id made D1's.
      const columns = state.drawdowns.columns();
      const drawdownTwice = { columns: () => ({ ...columns, idUnits: Uint16Array.from('D1D1', (c) => c.charCodeAt(0)) }) };
      expect(decodeOf({ ...state, drawdowns: drawdownTwice as unknown as BookState['drawdowns'] })).toThrow(new SnapshotFormatError('state.drawdowns: expected drawdown D1 once'));
      const noProduct = { columns: () => ({ ...columns, product: Int32Array.of(columns.product[0], columns.since[0]) }) };
      expect(decodeOf({ ...state, drawdowns: noProduct as unknown as BookState['drawdowns'] })).toThrow(/^state.drawdowns: expected one of loan, .*, got "\d{4}-\d\d-\d\d"$/);
      const outside = { columns: () => ({ ...columns, repaidRow: Int32Array.of(5) }) };
      expect(decodeOf({ ...state, drawdowns: outside as unknown as BookState['drawdowns'] })).toThrow('state.drawdowns: expected columns that fit together: repaidRow[0]: 5 is outside 0 to 1');
      const ghost = { ...state.relations.get('P-A')!, relationId: 'GHOST' };
      expect(decodeOf({ ...state, relationsByCustomer: state.relationsByCustomer.set('P', [ghost]) })).toThrow('state.relationsByCustomer[0]: expected an id in the snapshot, got GHOST');
    });

    it('refuses a payload cut short, one with bytes to spare, and sizes that do not add up', () => {
      const columns = new ColumnWriter();
      encodeBookState(richState(), columns);
      const { sizes, payload } = columns.finish();
      expect(() => new ColumnReader(payload.subarray(0, payload.length - 8), sizes)).toThrow(SnapshotFormatError);
      expect(() => new ColumnReader(payload, { ...sizes, strings: -1 })).toThrow('section sizes must be whole numbers');
      // Fewer refs than written, the bytes moved to the figures: the sizes add up, the block's counts do not.
      expect(() => new ColumnReader(payload, { ...sizes, refs: sizes.refs - 2, figures: sizes.figures + 1 })).toThrow('block 0 holds more than the header says');
      const reader = new ColumnReader(payload, sizes);
      decodeBookState(reader);
      expect(() => reader.end()).not.toThrow();
      const extra = new ColumnWriter();
      encodeBookState(richState(), extra);
      extra.str('one more');
      const padded = extra.finish();
      const over = new ColumnReader(padded.payload, padded.sizes);
      decodeBookState(over);
      expect(() => over.end()).toThrow('state: expected the end of the payload, found more data');
    });
  });
});
