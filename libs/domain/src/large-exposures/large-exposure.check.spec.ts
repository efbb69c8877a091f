import { accept, ctx, given } from '../testing/book.spec-dsl';
import { controlledPair, customerRegistered, customers, drawdownBooked, limitGranted, netCapitalDeclared, policyChanged, relationRecorded } from '../testing/book.fixtures';
import { BookDrawdown } from '../drawdowns/drawdown.commands';
import { BookEvent } from '../book/book.events';
import { initialBookState } from '../book/book.state';
import { decide } from '../book/book.decide';

/**
 * The 2018 caps refuse drawdowns (domain.md section 8). Net capital 1,000,000,000.00, tier-1 net capital
 * 300,000,000.00 (low, so that the 2018 caps bind before the 2010 ones):
 *   tier1-single-client   15% x 300,000,000.00   =  45,000,000.00
 *   single-client-loans   10% x 1,000,000,000.00 = 100,000,000.00 (net capital)
 *   tier1-connected-group 20% x 300,000,000.00   =  60,000,000.00
 *   tier1-interbank       25% x 300,000,000.00   =  75,000,000.00
 *   2010: group 15% x 1,000,000,000.00 = 150,000,000.00, standalone 10% = 100,000,000.00.
 * A and B are two enterprises tied only by economic dependence: no group client, one connected group "A".
 * F is a bank (financial-institution), S the central bank (sovereign), C a standalone enterprise.
 */
const capital = netCapitalDeclared('1000000000.00', '2026-01-01', '300000000.00');
const book: BookEvent[] = [
  capital,
  ...customers('A', 'B', 'C'),
  customerRegistered('F', 'financial-institution'),
  customerRegistered('S', 'sovereign'),
  relationRecorded('A~B', 'A', 'B', 'economic-dependence'),
  limitGranted('LA', 'A', '50000000.00'),
  limitGranted('LB', 'B', '50000000.00'),
  limitGranted('LC', 'C', '90000000.00'),
  limitGranted('LF', 'F', '90000000.00'),
  limitGranted('LS', 'S', '95000000.00'),
  drawdownBooked('DA1', 'LA', 'A', '40000000.00'),
];

function draw(drawdownId: string, limitId: string, amount: string, extra: Partial<BookDrawdown> = {}): BookDrawdown {
  return { type: 'BookDrawdown', drawdownId, limitId, amount, product: 'loan', ...extra };
}

const booked = (drawdownId: string, limitId: string, customerId: string, amount: string, o: { margin?: string; exposure?: string; product?: BookDrawdown['product'] } = {}) =>
  drawdownBooked(drawdownId, limitId, customerId, amount, o);

describe('BookDrawdown under the 2018 caps', () => {
  it('refuses a drawdown that takes a connected group formed only by economic dependence over 20% of tier-1, while the 2010 caps have room', () => {
    // Connected group {A, B}: A 40,000,000.00 + B 25,000,000.00 = 65,000,000.00 > 60,000,000.00.
    // 2010: A and B are standalone (no control): B 25,000,000.00 <= 100,000,000.00. B alone (2018): 25,000,000.00 <= 45,000,000.00.
    given(book).when(draw('DB1', 'LB', '25000000.00')).thenRefused('LARGE_EXPOSURE_CAP_EXCEEDED', {
      regime: 'nfra-2018',
      basis: 'tier1-connected-group',
      subjectType: 'connected-group',
      connectedGroupId: 'A',
      members: ['A', 'B'],
      cap: '60000000.00',
      current: '40000000.00',
      requested: '25000000.00',
      capitalBase: 'tier1-net-capital',
      tier1NetCapital: '300000000.00',
    });
  });

  it('books a drawdown that takes the connected group exactly to its cap: only more than breaks it', () => {
    // 40,000,000.00 + 20,000,000.00 = 60,000,000.00 = the cap.
    given(book).when(draw('DB1', 'LB', '20000000.00')).then([booked('DB1', 'LB', 'B', '20000000.00')]);
  });

  it('refuses a single client over 15% of tier-1 (its loans still within 10% of net capital)', () => {
    // C: 46,000,000.00 > 45,000,000.00; loans 46,000,000.00 <= 100,000,000.00; 2010 standalone 46,000,000.00 <= 100,000,000.00.
    given(book).when(draw('DC1', 'LC', '46000000.00')).thenRefused('LARGE_EXPOSURE_CAP_EXCEEDED', {
      basis: 'tier1-single-client',
      subjectType: 'customer',
      customerId: 'C',
      cap: '45000000.00',
      current: '0.00',
      requested: '46000000.00',
    });
  });

  it('measures an interbank client against 25% of tier-1, not 15%', () => {
    // F: 75,000,000.00 = 25% x 300,000,000.00: booked (over 15% = 45,000,000.00, which does not apply to F).
    given(book).when(draw('DF1', 'LF', '75000000.00', { product: 'interbank' })).then([booked('DF1', 'LF', 'F', '75000000.00', { product: 'interbank' })]);
    // 75,000,000.01 > 75,000,000.00.
    given(book).when(draw('DF1', 'LF', '75000000.01', { product: 'interbank' })).thenRefused('LARGE_EXPOSURE_CAP_EXCEEDED', {
      basis: 'tier1-interbank',
      customerId: 'F',
      cap: '75000000.00',
      current: '0.00',
      requested: '75000000.01',
    });
  });

  it('never refuses a sovereign on a 2018 basis: exempt', () => {
    // S: 95,000,000.00 would be 31.67% of tier-1; the 2010 single cap still holds it (95,000,000.00 <= 100,000,000.00).
    given(book).when(draw('DS1', 'LS', '95000000.00')).then([booked('DS1', 'LS', 'S', '95000000.00')]);
  });

  it('converts off-balance items with the policy CCF and deducts margin before comparing', () => {
    // Guarantee 40,000,000.00 at CCF 0.5 = 20,000,000.00, less margin 5,000,000.00 = 15,000,000.00 (2010 exposure: 35,000,000.00).
    const withGuarantee = [
      ...book,
      policyChanged({ ccf: [{ product: 'guarantee', factor: '0.5' }] }),
      booked('DC1', 'LC', 'C', '40000000.00', { product: 'guarantee', margin: '5000000.00', exposure: '35000000.00' }),
    ];
    // A loan of 31,000,000.00: 15,000,000.00 + 31,000,000.00 = 46,000,000.00 > 45,000,000.00 (2010: 66,000,000.00 <= 100,000,000.00).
    given(withGuarantee).when(draw('DC2', 'LC', '31000000.00')).thenRefused('LARGE_EXPOSURE_CAP_EXCEEDED', {
      basis: 'tier1-single-client',
      cap: '45000000.00',
      current: '15000000.00',
      requested: '31000000.00',
    });
    // 30,000,000.00: 45,000,000.00, at the cap.
    given(withGuarantee).when(draw('DC2', 'LC', '30000000.00')).then([booked('DC2', 'LC', 'C', '30000000.00')]);
  });

  it('counts a margin-covered off-balance item only for what the margin leaves: a fully covered one adds nothing', () => {
    // Letter of credit 40,000,000.00 at CCF 1.00 less margin 40,000,000.00 = 0.00: B's group stays at 40,000,000.00.
    given(book)
      .when(draw('DB1', 'LB', '40000000.00', { product: 'letter-of-credit', margin: '40000000.00' }))
      .then([booked('DB1', 'LB', 'B', '40000000.00', { product: 'letter-of-credit', margin: '40000000.00', exposure: '0.00' })]);
  });

  describe('loans to a single client: 10% of NET capital', () => {
    // Net capital 1,000,000,000.00, tier-1 900,000,000.00: loans cap 100,000,000.00; tier1-single-client 135,000,000.00;
    // connected group 180,000,000.00. P and Q are one group client (P controls Q): 2010 group cap 150,000,000.00.
    const grouped = [
      netCapitalDeclared('1000000000.00', '2026-01-01', '900000000.00'),
      ...customers('P', 'Q'),
      ...controlledPair('G000001', 'P', 'Q'),
      limitGranted('LP', 'P', '120000000.00'),
    ];

    it('refuses a loan over 10% of net capital to a grouped client whose group has room under 2010', () => {
      // Loans 101,000,000.00 > 100,000,000.00. Tier-1 single 101,000,000.00 <= 135,000,000.00; 2010 group 101,000,000.00 <= 150,000,000.00.
      given(grouped).when(draw('DP1', 'LP', '101000000.00')).thenRefused('LARGE_EXPOSURE_CAP_EXCEEDED', {
        basis: 'single-client-loans',
        customerId: 'P',
        cap: '100000000.00',
        current: '0.00',
        requested: '101000000.00',
        capitalBase: 'net-capital',
        netCapital: '1000000000.00',
      });
    });

    it('does not count other on-balance credit (a discount) as a loan', () => {
      // Discount 101,000,000.00: no loans; exposure 101,000,000.00 <= 135,000,000.00.
      given(grouped).when(draw('DP1', 'LP', '101000000.00', { product: 'discount' })).then([booked('DP1', 'LP', 'P', '101000000.00', { product: 'discount' })]);
    });
  });

  it('records the 2018 breach but refuses nothing on it when nfra-2018 is left out of the policy regimes', () => {
    // As in the first case, 65,000,000.00 > 60,000,000.00: booked, and the connected group's breach recorded.
    given(book, policyChanged({ regimes: ['cbrc-2010'] }))
      .when(draw('DB1', 'LB', '25000000.00'))
      .then([
        booked('DB1', 'LB', 'B', '25000000.00'),
        {
          type: 'CapBreached',
          data: {
            subjectType: 'connected-group',
            connectedGroupId: 'A',
            regime: 'nfra-2018',
            basis: 'tier1-connected-group',
            measure: '65000000.00',
            cap: '60000000.00',
            netCapital: '1000000000.00',
            ratio: '0.20',
            capitalBase: 'tier1-net-capital',
            tier1NetCapital: '300000000.00',
            members: ['A', 'B'],
          },
        },
      ]);
  });

  it('does not check the 2018 caps while no tier-1 net capital is declared', () => {
    // The declaration of 2026-02-01 carries no tier-1: from then the 2018 regime is not measured.
    given(book, netCapitalDeclared('1000000000.00', '2026-02-01')).when(draw('DB1', 'LB', '25000000.00')).then([booked('DB1', 'LB', 'B', '25000000.00')]);
  });

  const openBreach: BookEvent = {
    type: 'CapBreached',
    data: {
      subjectType: 'connected-group',
      connectedGroupId: 'A',
      regime: 'nfra-2018',
      basis: 'tier1-connected-group',
      measure: '65000000.00',
      cap: '60000000.00',
      netCapital: '1000000000.00',
      ratio: '0.20',
      capitalBase: 'tier1-net-capital',
      tier1NetCapital: '300000000.00',
      members: ['A', 'B'],
    },
  };

  it('refuses any drawdown on a connected group with an open 2018 breach, even one carrying no 2018 exposure', () => {
    // {A, B} is recorded over its 2018 cap. A fully margined letter of credit adds 0.00; refused all the same, as in section 4.
    given(book, openBreach)
      .when(draw('DB1', 'LB', '1000000.00', { product: 'letter-of-credit', margin: '1000000.00' }))
      .thenRefused('GROUP_IN_BREACH', { regime: 'nfra-2018', groupId: null, connectedGroupId: 'A', members: ['A', 'B'], bases: ['tier1-connected-group'] });
  });

  it('lets a drawdown through an open 2018 breach while nfra-2018 is left out of the policy regimes, and measures the group again', () => {
    // The book holds A 40,000,000.00 + B 0.00 (the letter of credit is fully covered) = 40,000,000.00 <= 60,000,000.00:
    // the breach the log recorded is cured.
    const { figures } = { figures: openBreach.data as Extract<BookEvent, { type: 'CapBreached' }>['data'] };
    given(book, openBreach, policyChanged({ regimes: ['cbrc-2010'] }))
      .when(draw('DB1', 'LB', '1000000.00', { product: 'letter-of-credit', margin: '1000000.00' }))
      .then([
        booked('DB1', 'LB', 'B', '1000000.00', { product: 'letter-of-credit', margin: '1000000.00', exposure: '0.00' }),
        { type: 'CapBreachCured', data: { ...figures, measure: '40000000.00', reason: 'back-under-cap' } },
      ]);
  });

  it('checks a back-dated drawdown on every later date: a connected group formed after it still counts', () => {
    // B draws 25,000,000.00 as of 2026-02-15, when B stood alone (25,000,000.00 <= 45,000,000.00); A~B is in force
    // from 2026-03-01, when {A, B} = 40,000,000.00 + 25,000,000.00 = 65,000,000.00 > 60,000,000.00.
    const at = (effectiveDate: string) => ctx({ effectiveDate, roles: ['officer', 'admin'] });
    let state = accept(initialBookState, { type: 'DeclareNetCapital', asOf: '2026-01-01', netCapital: '1000000000.00', tier1NetCapital: '300000000.00' }, at('2026-01-02')).state;
    for (const id of ['A', 'B']) state = accept(state, { type: 'RegisterCustomer', customerId: id, name: `${id} Ltd`, kind: 'enterprise' }, at('2026-01-02')).state;
    for (const id of ['A', 'B']) state = accept(state, { type: 'GrantLimit', limitId: `L${id}`, customerId: id, amount: '50000000.00', validFrom: '2026-01-01', validTo: '2026-12-31' }, at('2026-01-02')).state;
    state = accept(state, draw('DA1', 'LA', '40000000.00'), at('2026-01-02')).state;
    state = accept(state, { type: 'RecordRelation', relationId: 'A~B', from: 'A', to: 'B', relationType: 'economic-dependence' }, at('2026-03-01')).state;
    expect(decide(draw('DB1', 'LB', '25000000.00'), state, at('2026-02-15'))).toMatchObject({
      code: 'LARGE_EXPOSURE_CAP_EXCEEDED',
      details: { basis: 'tier1-connected-group', connectedGroupId: 'A', cap: '60000000.00', current: '40000000.00', requested: '25000000.00', on: '2026-03-01' },
    });
    // Before the relation B stands alone: 20,000,000.00 as of 2026-02-15 keeps {A, B} at 60,000,000.00 from 2026-03-01.
    expect(decide(draw('DB1', 'LB', '20000000.00'), state, at('2026-02-15'))).toEqual([booked('DB1', 'LB', 'B', '20000000.00')]);
  });
});
