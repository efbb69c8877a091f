import { accept, ctx, given } from '../testing/book.spec-dsl';
import { initialBookState } from '../book/book.state';
import { decide } from '../book/book.decide';
import { capBreached, customerRegistered, customers, drawdownBooked, limitGranted, netCapitalDeclared, relationRecorded, standalone } from '../testing/book.fixtures';
import { BookEvent } from '../book/book.events';
import { BreachSubject, LargeExposureBasis } from '../caps/cap.events';

/**
 * 2018 breaches and cures are recorded like the 2010 ones (domain.md section 8), on their own books.
 * Net capital 1,000,000,000.00. A and B are tied by economic dependence; A has 40,000,000.00 of loans, B 30,000,000.00.
 * F is a bank with an interbank placement of 60,000,000.00.
 */
const admin = ctx({ userId: 'admin-1', roles: ['admin'] });
const book: BookEvent[] = [
  netCapitalDeclared('1000000000.00'),
  ...customers('A', 'B'),
  customerRegistered('F', 'financial-institution'),
  relationRecorded('A~B', 'A', 'B', 'economic-dependence'),
  limitGranted('LA', 'A', '50000000.00'),
  limitGranted('LB', 'B', '50000000.00'),
  limitGranted('LF', 'F', '90000000.00'),
  drawdownBooked('DA1', 'LA', 'A', '40000000.00'),
  drawdownBooked('DB1', 'LB', 'B', '30000000.00'),
  drawdownBooked('DF1', 'LF', 'F', '60000000.00', { product: 'interbank' }),
];

type Figures = { measure: string; cap: string; ratio: string; tier1NetCapital: string; netCapital?: string; members?: string[] };
const connected = (connectedGroupId: string): BreachSubject => ({ subjectType: 'connected-group', connectedGroupId });
function breached(subject: BreachSubject, basis: LargeExposureBasis, f: Figures): BookEvent {
  const capitalBase = basis === 'single-client-loans' ? 'net-capital' : 'tier1-net-capital';
  return { type: 'CapBreached', data: { ...subject, regime: 'nfra-2018', basis, netCapital: '1000000000.00', capitalBase, ...f } };
}
function cured(subject: BreachSubject, basis: LargeExposureBasis, f: Figures, reason: 'back-under-cap' | 'subject-ended' = 'back-under-cap'): BookEvent {
  const capitalBase = basis === 'single-client-loans' ? 'net-capital' : 'tier1-net-capital';
  return { type: 'CapBreachCured', data: { ...subject, regime: 'nfra-2018', basis, netCapital: '1000000000.00', capitalBase, ...f, reason } };
}
const declare = (tier1NetCapital?: string) => ({ type: 'DeclareNetCapital' as const, asOf: '2026-03-31', netCapital: '1000000000.00', ...(tier1NetCapital ? { tier1NetCapital } : {}) });

describe('2018 breaches', () => {
  it('records nothing of the 2018 regime while no tier-1 net capital is declared', () => {
    given(book).when(declare(), admin).then([{ type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '1000000000.00' } }]);
  });

  it('records every 2018 breach a tier-1 declaration reveals, the 2010 regime unmoved', () => {
    // Tier-1 300,000,000.00: connected group {A, B} 40,000,000.00 + 30,000,000.00 = 70,000,000.00 > 20% = 60,000,000.00;
    // A 40,000,000.00 and B 30,000,000.00 <= 15% = 45,000,000.00; F 60,000,000.00 <= 25% = 75,000,000.00.
    // 2010: A, B, F standalone, each <= 100,000,000.00. (Subjects in key order: "connected-group:A" first.)
    given(book)
      .when(declare('300000000.00'), admin)
      .then([
        { type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '1000000000.00', tier1NetCapital: '300000000.00' } },
        breached(connected('A'), 'tier1-connected-group', { measure: '70000000.00', cap: '60000000.00', ratio: '0.20', tier1NetCapital: '300000000.00', members: ['A', 'B'] }),
      ]);
  });

  it('records an interbank client over 25% of tier-1 and single clients over 15%', () => {
    // Tier-1 200,000,000.00: F 60,000,000.00 > 25% = 50,000,000.00; A 40,000,000.00 > 15% = 30,000,000.00;
    // B 30,000,000.00 = 30,000,000.00 is within; {A, B} 70,000,000.00 > 20% = 40,000,000.00.
    const tier1 = '200000000.00';
    given(book)
      .when(declare(tier1), admin)
      .then([
        { type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '1000000000.00', tier1NetCapital: tier1 } },
        breached(connected('A'), 'tier1-connected-group', { measure: '70000000.00', cap: '40000000.00', ratio: '0.20', tier1NetCapital: tier1, members: ['A', 'B'] }),
        breached(standalone('A'), 'tier1-single-client', { measure: '40000000.00', cap: '30000000.00', ratio: '0.15', tier1NetCapital: tier1 }),
        breached(standalone('F'), 'tier1-interbank', { measure: '60000000.00', cap: '50000000.00', ratio: '0.25', tier1NetCapital: tier1 }),
      ]);
  });

  const inBreach = [
    book,
    netCapitalDeclared('1000000000.00', '2026-01-01', '300000000.00'),
    breached(connected('A'), 'tier1-connected-group', { measure: '70000000.00', cap: '60000000.00', ratio: '0.20', tier1NetCapital: '300000000.00', members: ['A', 'B'] }),
  ];

  it('closes the breach of a connected group that removing its economic dependence ends', () => {
    // Without A~B, A and B stand alone: the subject "connected-group:A" ended. Alone, 40,000,000.00 and 30,000,000.00 <= 45,000,000.00.
    given(...inBreach)
      .when({ type: 'RemoveRelation', relationId: 'A~B' })
      .then([
        { type: 'RelationRemoved', data: { relationId: 'A~B', from: 'A', to: 'B', relationType: 'economic-dependence' } },
        cured(connected('A'), 'tier1-connected-group', { measure: '70000000.00', cap: '60000000.00', ratio: '0.20', tier1NetCapital: '300000000.00' }, 'subject-ended'),
      ]);
  });

  it('cures the breach when a repayment takes the group back under its cap', () => {
    // Repaying 10,000,000.00 of DA1: 30,000,000.00 + 30,000,000.00 = 60,000,000.00 = the cap: within.
    given(...inBreach)
      .when({ type: 'BookRepayment', drawdownId: 'DA1', amount: '10000000.00' })
      .then([
        { type: 'RepaymentBooked', data: { drawdownId: 'DA1', limitId: 'LA', customerId: 'A', amount: '10000000.00', outstandingAfter: '30000000.00', exposureAfter: '30000000.00' } },
        cured(connected('A'), 'tier1-connected-group', { measure: '60000000.00', cap: '60000000.00', ratio: '0.20', tier1NetCapital: '300000000.00', members: ['A', 'B'] }),
      ]);
  });

  it('joins a third client by economic dependence and records the larger group on the same subject (same anchor)', () => {
    // C (10,000,000.00 drawn) joins through B~C: {A, B, C} = 80,000,000.00, still over 60,000,000.00: the breach stays
    // open on "connected-group:A" and nothing new is recorded.
    given(...inBreach, customers('C'), limitGranted('LC', 'C', '20000000.00'), drawdownBooked('DC1', 'LC', 'C', '10000000.00'))
      .when({ type: 'RecordRelation', relationId: 'B~C', from: 'B', to: 'C', relationType: 'economic-dependence' })
      .then([{ type: 'RelationRecorded', data: { relationId: 'B~C', from: 'B', to: 'C', relationType: 'economic-dependence', share: null } }]);
  });

  it('ends the subject when its anchor leaves, and measures the clients left as a connected group of their own anchor', () => {
    // {A, B, C} through A~B and B~C (C has 25,000,000.00): 40 + 30 + 25 = 95,000,000.00 > 60,000,000.00, open on
    // "connected-group:A". Removing A~B leaves A alone (the subject ends: subject-ended, with the figures it was
    // opened with) and {B, C} anchored at B: 30,000,000.00 + 25,000,000.00 = 55,000,000.00 <= 60,000,000.00, no breach.
    // A alone 40,000,000.00 <= 45,000,000.00.
    const threeOpen = breached(connected('A'), 'tier1-connected-group', { measure: '95000000.00', cap: '60000000.00', ratio: '0.20', tier1NetCapital: '300000000.00', members: ['A', 'B', 'C'] });
    given(
      book,
      netCapitalDeclared('1000000000.00', '2026-01-01', '300000000.00'),
      customers('C'),
      limitGranted('LC', 'C', '30000000.00'),
      drawdownBooked('DC1', 'LC', 'C', '25000000.00'),
      relationRecorded('B~C', 'B', 'C', 'economic-dependence'),
      threeOpen,
    )
      .when({ type: 'RemoveRelation', relationId: 'A~B' })
      .then([
        { type: 'RelationRemoved', data: { relationId: 'A~B', from: 'A', to: 'B', relationType: 'economic-dependence' } },
        cured(connected('A'), 'tier1-connected-group', { measure: '95000000.00', cap: '60000000.00', ratio: '0.20', tier1NetCapital: '300000000.00' }, 'subject-ended'),
      ]);
  });

  it('measures a connected group of banks against the interbank cap, 25% of tier-1', () => {
    // F (60,000,000.00) and a second bank F2 (20,000,000.00) tied by economic dependence: 80,000,000.00.
    // Tier-1 300,000,000.00: 25% = 75,000,000.00 < 80,000,000.00 (the 20% connected-group cap does not apply to banks).
    // Alone: F 60,000,000.00 and F2 20,000,000.00 <= 75,000,000.00. {A, B} 70,000,000.00 > 60,000,000.00 as before.
    const tier1 = '300000000.00';
    given(book, customerRegistered('F2', 'financial-institution'), limitGranted('LF2', 'F2', '30000000.00'), drawdownBooked('DF2', 'LF2', 'F2', '20000000.00', { product: 'interbank' }), relationRecorded('F~F2', 'F', 'F2', 'economic-dependence'))
      .when(declare(tier1), admin)
      .then([
        { type: 'NetCapitalDeclared', data: { asOf: '2026-03-31', netCapital: '1000000000.00', tier1NetCapital: tier1 } },
        breached(connected('A'), 'tier1-connected-group', { measure: '70000000.00', cap: '60000000.00', ratio: '0.20', tier1NetCapital: tier1, members: ['A', 'B'] }),
        breached(connected('F'), 'tier1-interbank', { measure: '80000000.00', cap: '75000000.00', ratio: '0.25', tier1NetCapital: tier1, members: ['F', 'F2'] }),
      ]);
  });

  it('measures a back-dated tier-1 declaration on every later date: a breach that held for a while, then cured', () => {
    // A~B from 2026-01-02; A draws 40,000,000.00 on 2026-01-05, B 30,000,000.00 on 2026-02-10, A repays 10,000,000.00
    // on 2026-03-01. Tier-1 300,000,000.00 declared today as of 2026-01-01: cap 60,000,000.00.
    // 2026-01-05: 40,000,000.00 within; 2026-02-10: 70,000,000.00 over (breach from then); 2026-03-01: 60,000,000.00 within (cured).
    const at = (effectiveDate: string) => ctx({ effectiveDate, userId: 'admin-1', roles: ['admin', 'officer'] });
    let state = accept(initialBookState, { type: 'DeclareNetCapital', asOf: '2026-01-01', netCapital: '1000000000.00' }, at('2026-01-02')).state;
    for (const id of ['A', 'B']) {
      state = accept(state, { type: 'RegisterCustomer', customerId: id, name: `${id} Ltd`, kind: 'enterprise' }, at('2026-01-02')).state;
      state = accept(state, { type: 'GrantLimit', limitId: `L${id}`, customerId: id, amount: '50000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }, at('2026-01-02')).state;
    }
    state = accept(state, { type: 'RecordRelation', relationId: 'A~B', from: 'A', to: 'B', relationType: 'economic-dependence' }, at('2026-01-02')).state;
    state = accept(state, { type: 'BookDrawdown', drawdownId: 'DA1', limitId: 'LA', amount: '40000000.00', product: 'loan' }, at('2026-01-05')).state;
    state = accept(state, { type: 'BookDrawdown', drawdownId: 'DB1', limitId: 'LB', amount: '30000000.00', product: 'loan' }, at('2026-02-10')).state;
    state = accept(state, { type: 'BookRepayment', drawdownId: 'DA1', amount: '10000000.00' }, at('2026-03-01')).state;
    const figures = { ratio: '0.20', tier1NetCapital: '300000000.00', cap: '60000000.00', members: ['A', 'B'] };
    const withFrom = (event: BookEvent, effectiveFrom: string) => ({ ...event, data: { ...event.data, effectiveFrom } }) as BookEvent;
    expect(decide({ type: 'DeclareNetCapital', asOf: '2026-01-01', netCapital: '1000000000.00', tier1NetCapital: '300000000.00' }, state, at('2026-03-31'))).toEqual([
      { type: 'NetCapitalDeclared', data: { asOf: '2026-01-01', netCapital: '1000000000.00', tier1NetCapital: '300000000.00' } },
      withFrom(breached(connected('A'), 'tier1-connected-group', { ...figures, measure: '70000000.00' }), '2026-02-10'),
      withFrom(cured(connected('A'), 'tier1-connected-group', { ...figures, measure: '60000000.00' }), '2026-03-01'),
    ]);
  });

  it('keeps the 2010 breach books apart: a 2010 breach of the same customer is not a 2018 one', () => {
    // A standalone 2010 breach on A (limit basis) does not make A "in breach" under 2018, nor the other way round.
    const state = given(book, capBreached(standalone('A'), 'limit', { measure: '1.00', cap: '0.00', netCapital: '1000000000.00', ratio: '0.10' })).state;
    expect(state.breaches.get('customer:A')?.has('limit')).toBe(true);
    expect(state.largeExposureBreaches.has('customer:A')).toBe(false);
  });
});
