import { accept, ctx, given } from '../testing/book.spec-dsl';
import { initialBookState } from '../book/book.state';
import {
  capBreachCured,
  capBreached,
  controlledPair,
  customers,
  drawdownBooked,
  group,
  groupFormed,
  limitGranted,
  netCapitalDeclared,
  policyChanged,
  relationRecorded,
  standalone,
} from '../testing/book.fixtures';
import { ChangePolicy } from './capital.commands';
import { LARGE_EXPOSURE_POLICY_DEFAULTS, policyOn } from '../shared/policy';

const declare = (netCapital: string, asOf = '2026-03-31') => ({ type: 'DeclareNetCapital' as const, asOf, netCapital });
const admin = ctx({ userId: 'admin-1', roles: ['admin'] });

/**
 * Net capital 1,000,000,000.00 -> group cap 15% = 150,000,000.00, single-customer cap 10% = 100,000,000.00.
 * G000001 = {A, B}: A 70,000,000.00 + B 50,000,000.00 = 120,000,000.00. S alone: 90,000,000.00. T alone: 60,000,000.00.
 */
const book = [
  netCapitalDeclared('1000000000.00'),
  ...customers('A', 'B', 'S', 'T'),
  ...controlledPair('G000001', 'A', 'B'),
  limitGranted('LA', 'A', '70000000.00'),
  limitGranted('LB', 'B', '50000000.00'),
  limitGranted('LS', 'S', '90000000.00'),
  limitGranted('LT', 'T', '60000000.00'),
];

describe('DeclareNetCapital', () => {
  it('declares the net capital, normalised to two decimals', () => {
    given().when(declare('1000000000', '2025-12-31'), admin).then([{ type: 'NetCapitalDeclared', data: { asOf: '2025-12-31', netCapital: '1000000000.00' } }]);
  });

  it.each(['0', '0.00'])('refuses a net capital of %s: INVALID_AMOUNT', (netCapital) => {
    given().when(declare(netCapital), admin).thenRefused('INVALID_AMOUNT', { netCapital });
  });

  it('refuses a declaration as of a date after today: EFFECTIVE_DATE_IN_FUTURE', () => {
    given().when(declare('1000000000.00', '2026-04-01'), admin).thenRefused('EFFECTIVE_DATE_IN_FUTURE', { asOf: '2026-04-01', today: '2026-03-31' });
  });

  it('records a breach for every subject a lower net capital takes over its cap', () => {
    // 700,000,000.00 -> group cap 15% = 105,000,000.00: G000001 at 120,000,000.00 is over;
    // single cap 10% = 70,000,000.00: S at 90,000,000.00 is over, T at 60,000,000.00 is not.
    // (Subjects in key order: "customer:S" before "group:G000001".)
    given(book)
      .when(declare('700000000.00'), admin)
      .then([
        { type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '700000000.00' } },
        capBreached(standalone('S'), 'limit', { measure: '90000000.00', cap: '70000000.00', netCapital: '700000000.00', ratio: '0.10' }),
        capBreached(group('G000001'), 'limit', { measure: '120000000.00', cap: '105000000.00', netCapital: '700000000.00', ratio: '0.15' }),
      ]);
  });

  const lowered = [
    book,
    netCapitalDeclared('700000000.00', '2026-03-31'),
    capBreached(standalone('S'), 'limit', { measure: '90000000.00', cap: '70000000.00', netCapital: '700000000.00', ratio: '0.10' }),
    capBreached(group('G000001'), 'limit', { measure: '120000000.00', cap: '105000000.00', netCapital: '700000000.00', ratio: '0.15' }),
  ];

  it('cures every breach when net capital is raised back', () => {
    // 1,000,000,000.00 again (same asOf, replaces the 700,000,000.00): 90,000,000.00 <= 100,000,000.00 and 120,000,000.00 <= 150,000,000.00.
    given(...lowered)
      .when(declare('1000000000.00'), admin)
      .then([
        { type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '1000000000.00' } },
        capBreachCured(standalone('S'), 'limit', { measure: '90000000.00', cap: '100000000.00', netCapital: '1000000000.00', ratio: '0.10' }),
        capBreachCured(group('G000001'), 'limit', { measure: '120000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' }),
      ]);
  });

  it('cures only the subjects the new figure takes back under', () => {
    // 850,000,000.00: group cap 127,500,000.00 >= 120,000,000.00 (cured); single cap 85,000,000.00 < 90,000,000.00 (S stays in breach).
    given(...lowered)
      .when(declare('850000000.00'), admin)
      .then([
        { type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '850000000.00' } },
        capBreachCured(group('G000001'), 'limit', { measure: '120000000.00', cap: '127500000.00', netCapital: '850000000.00', ratio: '0.15' }),
      ]);
  });

  it("a declaration dated before the one in force moves the caps only until that one: a breach of one day", () => {
    // 2025-12-31: 700,000,000.00, until 2026-01-01's 1,000,000,000.00 (the last on or before today) takes over.
    // On 2025-12-31 S 90,000,000.00 > 10% x 700,000,000.00 = 70,000,000.00 and G000001 120,000,000.00 > 15% =
    // 105,000,000.00: both breached from that date. On 2026-01-01 the caps are 100,000,000.00 and 150,000,000.00:
    // both cured from then, so today's caps and breaches are as before.
    const on = (date: string) => ({ effectiveFrom: date });
    const figures = (measure: string, cap: string, netCapital: string, ratio: string) => ({ regime: 'cbrc-2010' as const, basis: 'limit' as const, measure, cap, netCapital, ratio });
    given(book)
      .when(declare('700000000.00', '2025-12-31'), admin)
      .then([
        { type: 'NetCapitalDeclared', data: { asOf: '2025-12-31', netCapital: '700000000.00' } },
        { type: 'CapBreached', data: { ...standalone('S'), ...figures('90000000.00', '70000000.00', '700000000.00', '0.10'), ...on('2025-12-31') } },
        { type: 'CapBreached', data: { ...group('G000001'), ...figures('120000000.00', '105000000.00', '700000000.00', '0.15'), ...on('2025-12-31') } },
        { type: 'CapBreachCured', data: { ...standalone('S'), ...figures('90000000.00', '100000000.00', '1000000000.00', '0.10'), reason: 'back-under-cap', ...on('2026-01-01') } },
        { type: 'CapBreachCured', data: { ...group('G000001'), ...figures('120000000.00', '150000000.00', '1000000000.00', '0.15'), reason: 'back-under-cap', ...on('2026-01-01') } },
      ]);
  });
});

describe('ChangePolicy', () => {
  const change = (c: Omit<ChangePolicy, 'type'>): ChangePolicy => ({ type: 'ChangePolicy', ...c });

  it('changes one setting and records the whole policy after it', () => {
    given(book)
      .when(change({ escalationThreshold: '100000000' }), admin)
      .then([
        {
          type: 'PolicyChanged',
          data: { groupCapRatio: '0.15', singleCustomerCapRatio: '0.10', escalationThreshold: '100000000.00', equityControlThreshold: '0.5', ...LARGE_EXPOSURE_POLICY_DEFAULTS, changed: ['escalationThreshold'] },
        },
      ]);
  });

  it.each<[string, Omit<ChangePolicy, 'type'>]>([
    ['no setting at all', {}],
    ['groupCapRatio 0 (would refuse all credit)', { groupCapRatio: '0' }],
    ['groupCapRatio over 1', { groupCapRatio: '1.5' }],
    ['groupCapRatio negative', { groupCapRatio: '-0.15' }],
    ['groupCapRatio not a number', { groupCapRatio: 'fifteen' }],
    ['groupCapRatio as a percentage', { groupCapRatio: '15%' }],
    ['singleCustomerCapRatio 0', { singleCustomerCapRatio: '0.0' }],
    ['equityControlThreshold 1 (could never be exceeded)', { equityControlThreshold: '1' }],
    ['equityControlThreshold over 1', { equityControlThreshold: '1.2' }],
    ['escalationThreshold not a money amount', { escalationThreshold: 'lots' }],
    ['escalationThreshold negative', { escalationThreshold: '-1.00' }],
    ['escalationThreshold with three decimals', { escalationThreshold: '1.001' }],
  ])('refuses %s: INVALID_POLICY', (_label, settings) => {
    given(book).when(change(settings), admin).thenRefused('INVALID_POLICY');
  });

  it('records a breach when a tighter group cap ratio takes a group over', () => {
    // groupCapRatio 0.10: group cap 10% x 1,000,000,000.00 = 100,000,000.00 < 120,000,000.00.
    // The single-customer cap is unchanged: S 90,000,000.00 <= 100,000,000.00.
    given(book)
      .when(change({ groupCapRatio: '0.10' }), admin)
      .then([
        {
          type: 'PolicyChanged',
          data: { groupCapRatio: '0.10', singleCustomerCapRatio: '0.10', escalationThreshold: '66000000.00', equityControlThreshold: '0.5', ...LARGE_EXPOSURE_POLICY_DEFAULTS, changed: ['groupCapRatio'] },
        },
        capBreached(group('G000001'), 'limit', { measure: '120000000.00', cap: '100000000.00', netCapital: '1000000000.00', ratio: '0.10' }),
      ]);
  });

  it('records a breach when a tighter single-customer cap ratio takes a standalone customer over', () => {
    // 0.08 x 1,000,000,000.00 = 80,000,000.00: S (90,000,000.00) is over, T (60,000,000.00) is not.
    given(book)
      .when(change({ singleCustomerCapRatio: '0.08' }), admin)
      .thenIncludes([capBreached(standalone('S'), 'limit', { measure: '90000000.00', cap: '80000000.00', netCapital: '1000000000.00', ratio: '0.08' })]);
    const { decision } = given(book).when(change({ singleCustomerCapRatio: '0.08' }), admin);
    expect(decision).toHaveLength(2);
  });

  /** A holds 55% of B: a group under the default threshold 0.5 (55% > 50%), not under 0.6 (55% is not > 60%). */
  const holding55 = [netCapitalDeclared('1000000000.00'), ...customers('A', 'B'), relationRecorded('A-B', 'A', 'B', 'equity', '0.55')];

  it('splits a group when a higher equity control threshold no longer sees control', () => {
    given(holding55, groupFormed('G000001', ['A', 'B'], 'A Ltd'))
      .when(change({ equityControlThreshold: '0.6' }), admin)
      .then([
        {
          type: 'PolicyChanged',
          data: { groupCapRatio: '0.15', singleCustomerCapRatio: '0.10', escalationThreshold: '66000000.00', equityControlThreshold: '0.6', ...LARGE_EXPOSURE_POLICY_DEFAULTS, changed: ['equityControlThreshold'] },
        },
        { type: 'GroupDissolved', data: { groupId: 'G000001', members: ['A', 'B'] } },
      ]);
  });

  it('forms a group when a lower equity control threshold sees control, and records the breach it brings', () => {
    // Alone A 90,000,000.00 and B 70,000,000.00 are each within 100,000,000.00;
    // grouped: 160,000,000.00 > 150,000,000.00.
    given(holding55, policyChanged({ equityControlThreshold: '0.6' }), limitGranted('LA', 'A', '90000000.00'), limitGranted('LB', 'B', '70000000.00'))
      .when(change({ equityControlThreshold: '0.5' }), admin)
      .then([
        {
          type: 'PolicyChanged',
          data: { groupCapRatio: '0.15', singleCustomerCapRatio: '0.10', escalationThreshold: '66000000.00', equityControlThreshold: '0.5', ...LARGE_EXPOSURE_POLICY_DEFAULTS, changed: ['equityControlThreshold'] },
        },
        groupFormed('G000001', ['A', 'B'], 'A Ltd'),
        capBreached(group('G000001'), 'limit', { measure: '160000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' }),
      ]);
  });

  it('closes the open breach of a group that a threshold change dissolves, and measures its former members alone', () => {
    // Net capital 700,000,000.00: group cap 105,000,000.00 < A 70,000,000.00 + B 50,000,000.00 = 120,000,000.00 (open breach).
    // Dissolved: the group's breach ends ('subject-ended'); alone, single cap 70,000,000.00: A at exactly 70,000,000.00
    // is within (only "more than" breaks), B 50,000,000.00 too.
    given(
      holding55,
      groupFormed('G000001', ['A', 'B'], 'A Ltd'),
      limitGranted('LA', 'A', '70000000.00'),
      limitGranted('LB', 'B', '50000000.00'),
      netCapitalDeclared('700000000.00', '2026-03-01'),
      capBreached(group('G000001'), 'limit', { measure: '120000000.00', cap: '105000000.00', netCapital: '700000000.00', ratio: '0.15' }),
    )
      .when(change({ equityControlThreshold: '0.6' }), admin)
      .then([
        {
          type: 'PolicyChanged',
          data: { groupCapRatio: '0.15', singleCustomerCapRatio: '0.10', escalationThreshold: '66000000.00', equityControlThreshold: '0.6', ...LARGE_EXPOSURE_POLICY_DEFAULTS, changed: ['equityControlThreshold'] },
        },
        { type: 'GroupDissolved', data: { groupId: 'G000001', members: ['A', 'B'] } },
        capBreachCured(group('G000001'), 'limit', { measure: '120000000.00', cap: '105000000.00', netCapital: '700000000.00', ratio: '0.15' }, 'subject-ended'),
      ]);
  });
});

describe('DeclareNetCapital with tier-1 net capital (domain.md section 8)', () => {
  const declareBoth = (netCapital: string, tier1NetCapital: string) => ({ type: 'DeclareNetCapital' as const, asOf: '2026-03-31', netCapital, tier1NetCapital });

  it('declares tier-1 beside net capital, normalised to two decimals', () => {
    given().when(declareBoth('1000000000', '800000000.5'), admin).then([{ type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '1000000000.00', tier1NetCapital: '800000000.50' } }]);
  });

  it('accepts tier-1 equal to net capital (a bank with no tier-2 capital)', () => {
    given().when(declareBoth('1000000000.00', '1000000000.00'), admin).then([{ type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '1000000000.00', tier1NetCapital: '1000000000.00' } }]);
  });

  it('refuses tier-1 above net capital: tier-1 is part of net capital (INVALID_AMOUNT)', () => {
    given().when(declareBoth('1000000000.00', '1000000000.01'), admin).thenRefused('INVALID_AMOUNT', { netCapital: '1000000000.00', tier1NetCapital: '1000000000.01' });
  });

  it.each([
    ['0', 'INVALID_AMOUNT'],
    ['-1.00', 'VALIDATION_FAILED'],
    ['8e8', 'VALIDATION_FAILED'],
    ['800000000.001', 'VALIDATION_FAILED'],
  ] as const)('refuses a tier-1 of %s: %s', (tier1NetCapital, code) => {
    given().when(declareBoth('1000000000.00', tier1NetCapital), admin).thenRefused(code, { tier1NetCapital });
  });
});

describe('ChangePolicy: the 2018 settings (domain.md section 8)', () => {
  const change = (c: Omit<ChangePolicy, 'type'>): ChangePolicy => ({ type: 'ChangePolicy', ...c });
  const defaults2010 = { groupCapRatio: '0.15', singleCustomerCapRatio: '0.10', escalationThreshold: '66000000.00', equityControlThreshold: '0.5' };

  it('changes a 2018 ratio and records the whole policy after it', () => {
    given()
      .when(change({ tier1ConnectedGroupRatio: '0.18' }), admin)
      .then([{ type: 'PolicyChanged', data: { ...defaults2010, ...LARGE_EXPOSURE_POLICY_DEFAULTS, tier1ConnectedGroupRatio: '0.18', changed: ['tier1ConnectedGroupRatio'] } }]);
  });

  it('sets the regimes that refuse, in a fixed order whatever the order given', () => {
    given()
      .when(change({ regimes: ['nfra-2018', 'cbrc-2010'] }), admin)
      .then([{ type: 'PolicyChanged', data: { ...defaults2010, ...LARGE_EXPOSURE_POLICY_DEFAULTS, regimes: ['cbrc-2010', 'nfra-2018'], changed: ['regimes'] } }]);
  });

  it('sets the factors of the products named and keeps the others', () => {
    given()
      .when(change({ ccf: [{ product: 'loan-commitment', factor: '0.2' }] }), admin)
      .then([
        {
          type: 'PolicyChanged',
          data: {
            ...defaults2010,
            ...LARGE_EXPOSURE_POLICY_DEFAULTS,
            ccf: [
              { product: 'acceptance', factor: '1.00' },
              { product: 'letter-of-credit', factor: '1.00' },
              { product: 'guarantee', factor: '1.00' },
              { product: 'loan-commitment', factor: '0.2' },
              { product: 'derivative', factor: '1.00' },
            ],
            ccfProducts: ['loan-commitment'],
            changed: ['ccf'],
          },
        },
      ]);
  });

  it.each<[string, Omit<ChangePolicy, 'type'>]>([
    ['a 2018 ratio of 0', { tier1SingleClientRatio: '0' }],
    ['a 2018 ratio over 1', { tier1InterbankRatio: '1.25' }],
    ['a 2018 ratio as a percentage', { largeExposureRatio: '2.5%' }],
    ['no regime at all', { regimes: [] }],
    ['an unknown regime', { regimes: ['basel-3' as never] }],
    ['a regime twice', { regimes: ['nfra-2018', 'nfra-2018'] }],
    ['a factor for an on-balance product (it counts in full)', { ccf: [{ product: 'loan', factor: '0.5' }] }],
    ['a factor over 1', { ccf: [{ product: 'guarantee', factor: '1.5' }] }],
    ['a negative factor', { ccf: [{ product: 'guarantee', factor: '-0.5' }] }],
    ['a product named twice', { ccf: [{ product: 'guarantee', factor: '0.5' }, { product: 'guarantee', factor: '0.2' }] }],
    ['an empty factor table', { ccf: [] }],
    ['an unknown product', { ccf: [{ product: 'swap' as never, factor: '0.5' }] }],
  ])('refuses %s: INVALID_POLICY', (_label, settings) => {
    given().when(change(settings), admin).thenRefused('INVALID_POLICY');
  });

  it('folds factors per product by effective date: a back-dated change to one product leaves a later change to another', () => {
    // 2026-03-01: guarantee 0.5. Then, back-dated to 2026-02-01: acceptance 0.8. On 2026-03-31 both hold.
    const at = (effectiveDate: string) => ctx({ effectiveDate, userId: 'admin-1', roles: ['admin'] });
    let state = accept(initialBookState, change({ ccf: [{ product: 'guarantee', factor: '0.5' }] }), at('2026-03-01')).state;
    state = accept(state, change({ ccf: [{ product: 'acceptance', factor: '0.8' }] }), at('2026-02-01')).state;
    const factor = (date: string, product: string) => policyOn(state.policyChanges, date).ccf.find((c) => c.product === product)?.factor;
    expect([factor('2026-01-31', 'acceptance'), factor('2026-01-31', 'guarantee')]).toEqual(['1.00', '1.00']);
    expect([factor('2026-02-01', 'acceptance'), factor('2026-02-01', 'guarantee')]).toEqual(['0.8', '1.00']);
    expect([factor('2026-03-31', 'acceptance'), factor('2026-03-31', 'guarantee')]).toEqual(['0.8', '0.5']);
  });

  it('records a 2018 breach when a tighter 2018 ratio takes a subject over, and leaves the 2010 regime alone', () => {
    // Tier-1 800,000,000.00; S has 90,000,000.00 of loans: 15% = 120,000,000.00 holds it; 10% = 80,000,000.00 does not.
    // 2010: S standalone 90,000,000.00 <= 100,000,000.00.
    given(netCapitalDeclared('1000000000.00', '2026-01-01', '800000000.00'), customers('S'), limitGranted('LS', 'S', '90000000.00'), drawdownBooked('DS1', 'LS', 'S', '90000000.00'))
      .when(change({ tier1SingleClientRatio: '0.10' }), admin)
      .then([
        { type: 'PolicyChanged', data: { ...defaults2010, ...LARGE_EXPOSURE_POLICY_DEFAULTS, tier1SingleClientRatio: '0.10', changed: ['tier1SingleClientRatio'] } },
        {
          type: 'CapBreached',
          data: {
            ...standalone('S'),
            regime: 'nfra-2018',
            basis: 'tier1-single-client',
            measure: '90000000.00',
            cap: '80000000.00',
            netCapital: '1000000000.00',
            ratio: '0.10',
            capitalBase: 'tier1-net-capital',
            tier1NetCapital: '800000000.00',
          },
        },
      ]);
  });
});
