import { BookEvent } from '../book/book.events';
import {
  capBreached,
  customers,
  drawdownBooked,
  group,
  groupFormed,
  limitGranted,
  netCapitalDeclared,
  relationRecorded,
  standalone,
} from '../testing/book.fixtures';
import { parseMoney } from '../shared/money';
import { InvalidScenarioError, ReplayedCommand, WhatIfBreach, WhatIfScenario, validateScenario, whatIf } from './what-if.replay';

/**
 * The facts, as the log records them (one line per command; amounts in yuan; all limits valid 2025-01-01..2025-12-31):
 *   01-02  net capital 1,000,000,000.00 (group cap 15% = 150,000,000.00; single cap 10% = 100,000,000.00); A, B, S, T, X, Y registered
 *   01-03  A holds 60% of B: G000001 {A, B}        01-04  X holds 90% of Y: G000002 {X, Y}
 *   01-05  LA A 70,000,000      02-01  LB B 50,000,000 (G000001: 120,000,000)
 *   02-10  LS S 90,000,000      03-01  LT T 60,000,000      03-10  DT1 loan 55,000,000 on LT (T exposure 55,000,000)
 *   04-01  LX X 30,000,000      04-15  LY Y 20,000,000 (G000002: 50,000,000)
 *   06-30  LS renewed to 75,000,000                         09-01  LS2 S 10,000,000 (S: 85,000,000)
 *   10-01  deemed-group A ~ X: G000001 absorbs G000002 (120,000,000 > 50,000,000), 170,000,000 > 150,000,000: the log's own breach
 */
const commands: ReplayedCommand[] = [];
const on = (effectiveDate: string, ...events: BookEvent[]) => commands.push({ effectiveDate, events, position: String(commands.length + 1) });
on('2025-01-02', netCapitalDeclared('1000000000.00', '2025-01-01'));
for (const e of customers('A', 'B', 'S', 'T', 'X', 'Y')) on('2025-01-02', e);
on('2025-01-03', relationRecorded('A-B', 'A', 'B', 'equity', '0.6'), groupFormed('G000001', ['A', 'B']));
on('2025-01-04', relationRecorded('X-Y', 'X', 'Y', 'equity', '0.9'), groupFormed('G000002', ['X', 'Y']));
const validity = { validFrom: '2025-01-01', validTo: '2025-12-31' };
on('2025-01-05', limitGranted('LA', 'A', '70000000.00', validity));
on('2025-02-01', limitGranted('LB', 'B', '50000000.00', validity));
on('2025-02-10', limitGranted('LS', 'S', '90000000.00', validity));
on('2025-03-01', limitGranted('LT', 'T', '60000000.00', validity));
on('2025-03-10', drawdownBooked('DT1', 'LT', 'T', '55000000.00'));
on('2025-04-01', limitGranted('LX', 'X', '30000000.00', validity));
on('2025-04-15', limitGranted('LY', 'Y', '20000000.00', validity));
on('2025-06-30', { type: 'LimitRenewed', data: { limitId: 'LS', customerId: 'S', previousAmount: '90000000.00', amount: '75000000.00', previousValidTo: '2025-12-31', validTo: '2025-12-31' } });
on('2025-09-01', limitGranted('LS2', 'S', '10000000.00', validity));
on(
  '2025-10-01',
  relationRecorded('A~X', 'A', 'X', 'deemed-group'),
  { type: 'GroupsMerged', data: { groupId: 'G000001', name: 'A Ltd', absorbedGroupIds: ['G000002'], members: ['A', 'B', 'X', 'Y'] } },
  capBreached(group('G000001'), 'limit', { measure: '170000000.00', cap: '150000000.00', netCapital: '1000000000.00', ratio: '0.15' }),
);

const YEAR_END = '2025-12-31';
const yuan = parseMoney;

/** What a risk officer reads off each line. */
const lines = (breaches: WhatIfBreach[]) =>
  breaches.map((b) => ({
    who: b.subject.subjectType === 'group' ? b.subject.groupId : b.subject.customerId,
    basis: b.basis,
    measure: b.measure,
    cap: b.cap,
    excess: b.excess,
    since: b.since,
    inLog: b.breachedInLog,
  }));

describe('what-if replay', () => {
  it('under the log\'s own policy finds exactly the breach the log recorded', () => {
    expect(lines(whatIf(commands, {}, YEAR_END))).toEqual([
      { who: 'G000001', basis: 'limit', measure: yuan('170000000'), cap: yuan('150000000'), excess: yuan('20000000'), since: '2025-10-01', inLog: true },
    ]);
  });

  it('a group cap of 11% (110,000,000.00) takes G000001 over from the grant that brought it to 120,000,000.00', () => {
    // Year end: 170,000,000 - 110,000,000 = 60,000,000, still open since 02-01. G000002 (50,000,000) is within.
    expect(lines(whatIf(commands, { groupCapRatio: '0.11' }, YEAR_END))).toEqual([
      { who: 'G000001', basis: 'limit', measure: yuan('170000000'), cap: yuan('110000000'), excess: yuan('60000000'), since: '2025-02-01', inLog: true },
    ]);
    // Before the merge, the log has no breach at all: the scenario alone causes it.
    expect(lines(whatIf(commands, { groupCapRatio: '0.11' }, '2025-06-30'))).toEqual([
      { who: 'G000001', basis: 'limit', measure: yuan('120000000'), cap: yuan('110000000'), excess: yuan('10000000'), since: '2025-02-01', inLog: false },
    ]);
  });

  it('a cap equal to the measure is within it: 12% (120,000,000.00) breaks G000001 only at the merge', () => {
    expect(whatIf(commands, { groupCapRatio: '0.12' }, '2025-09-30')).toEqual([]);
    expect(lines(whatIf(commands, { groupCapRatio: '0.12' }, YEAR_END))).toEqual([
      { who: 'G000001', basis: 'limit', measure: yuan('170000000'), cap: yuan('120000000'), excess: yuan('50000000'), since: '2025-10-01', inLog: true },
    ]);
  });

  it('a single-customer cap of 5% (50,000,000.00) names each customer, basis and date it went over', () => {
    // S: 90,000,000 from 02-10, never back under (75,000,000 then 85,000,000): 85 - 50 = 35,000,000.
    // T: limit 60,000,000 from 03-01 (10,000,000 over); exposure 55,000,000 from the drawdown on 03-10 (5,000,000 over).
    // G000001 keeps the 15% group cap: the log's own breach, 20,000,000 over.
    expect(lines(whatIf(commands, { singleCustomerCapRatio: '0.05' }, YEAR_END))).toEqual([
      { who: 'S', basis: 'limit', measure: yuan('85000000'), cap: yuan('50000000'), excess: yuan('35000000'), since: '2025-02-10', inLog: false },
      { who: 'G000001', basis: 'limit', measure: yuan('170000000'), cap: yuan('150000000'), excess: yuan('20000000'), since: '2025-10-01', inLog: true },
      { who: 'T', basis: 'limit', measure: yuan('60000000'), cap: yuan('50000000'), excess: yuan('10000000'), since: '2025-03-01', inLog: false },
      { who: 'T', basis: 'exposure', measure: yuan('55000000'), cap: yuan('50000000'), excess: yuan('5000000'), since: '2025-03-10', inLog: false },
    ]);
  });

  it('a lower net capital (700,000,000.00) moves both caps: group 105,000,000.00, single 70,000,000.00', () => {
    // G000001: 120,000,000 > 105,000,000 from 02-01, 170,000,000 at year end (65,000,000 over).
    // S: 90,000,000 > 70,000,000 from 02-10; 75,000,000 after the renewal is still over; 85,000,000 at year end (15,000,000 over).
    // T (60,000,000; exposure 55,000,000) and G000002 (50,000,000) are within.
    const scenario: WhatIfScenario = { netCapital: yuan('700000000') };
    expect(lines(whatIf(commands, scenario, YEAR_END))).toEqual([
      { who: 'G000001', basis: 'limit', measure: yuan('170000000'), cap: yuan('105000000'), excess: yuan('65000000'), since: '2025-02-01', inLog: true },
      { who: 'S', basis: 'limit', measure: yuan('85000000'), cap: yuan('70000000'), excess: yuan('15000000'), since: '2025-02-10', inLog: false },
    ]);
    // As of 06-29 only what was effective by then counts: S still at 90,000,000 (20,000,000 over) ranks first.
    expect(lines(whatIf(commands, scenario, '2025-06-29'))).toEqual([
      { who: 'S', basis: 'limit', measure: yuan('90000000'), cap: yuan('70000000'), excess: yuan('20000000'), since: '2025-02-10', inLog: false },
      { who: 'G000001', basis: 'limit', measure: yuan('120000000'), cap: yuan('105000000'), excess: yuan('15000000'), since: '2025-02-01', inLog: false },
    ]);
  });

  it('dates a breach that was cured and came back from its return', () => {
    // 8% = 80,000,000: S over from 02-10 (90,000,000), cured by the renewal to 75,000,000 on 06-30,
    // over again from 09-01 when LS2 brings it to 85,000,000.
    expect(lines(whatIf(commands, { singleCustomerCapRatio: '0.08' }, '2025-06-29')).filter((l) => l.who === 'S')).toEqual([
      { who: 'S', basis: 'limit', measure: yuan('90000000'), cap: yuan('80000000'), excess: yuan('10000000'), since: '2025-02-10', inLog: false },
    ]);
    expect(whatIf(commands, { singleCustomerCapRatio: '0.08' }, '2025-08-31').filter((b) => b.subject.subjectType === 'customer')).toEqual([]);
    const [s] = whatIf(commands, { singleCustomerCapRatio: '0.08' }, YEAR_END).filter((b) => b.subject.subjectType === 'customer');
    expect(s).toMatchObject({ subject: standalone('S'), name: 'S Ltd', measure: yuan('85000000'), excess: yuan('5000000'), since: '2025-09-01', sincePosition: '18' });
  });

  it('drops the breach of a group that a merge ended, and keeps the survivor\'s start date', () => {
    // 4% = 40,000,000: G000001 over from LA on 01-05 (70,000,000); G000002 over from LY on 04-15 (50,000,000).
    expect(lines(whatIf(commands, { groupCapRatio: '0.04' }, '2025-09-30'))).toEqual([
      { who: 'G000001', basis: 'limit', measure: yuan('120000000'), cap: yuan('40000000'), excess: yuan('80000000'), since: '2025-01-05', inLog: false },
      { who: 'G000002', basis: 'limit', measure: yuan('50000000'), cap: yuan('40000000'), excess: yuan('10000000'), since: '2025-04-15', inLog: false },
    ]);
    expect(lines(whatIf(commands, { groupCapRatio: '0.04' }, YEAR_END))).toEqual([
      { who: 'G000001', basis: 'limit', measure: yuan('170000000'), cap: yuan('40000000'), excess: yuan('130000000'), since: '2025-01-05', inLog: true },
    ]);
  });

  it('does not list a subject whose limit has expired by the as-of date, though no command cured it', () => {
    // U: 60,000,000 valid to 05-31, nothing drawn. At 5% (50,000,000) it is over from 01-05; after 05-31 it reports 0.
    const short: ReplayedCommand[] = [
      { effectiveDate: '2025-01-02', events: [netCapitalDeclared('1000000000.00', '2025-01-01'), ...customers('U')] },
      { effectiveDate: '2025-01-05', events: [limitGranted('LU', 'U', '60000000.00', { validFrom: '2025-01-01', validTo: '2025-05-31' })] },
    ];
    expect(lines(whatIf(short, { singleCustomerCapRatio: '0.05' }, '2025-05-31'))).toEqual([
      { who: 'U', basis: 'limit', measure: yuan('60000000'), cap: yuan('50000000'), excess: yuan('10000000'), since: '2025-01-05', inLog: false },
    ]);
    expect(whatIf(short, { singleCustomerCapRatio: '0.05' }, '2025-06-01')).toEqual([]);
  });

  it('has no cap to measure against before any net capital is declared, unless the scenario gives one', () => {
    const undeclared: ReplayedCommand[] = [{ effectiveDate: '2025-01-05', events: [...customers('U'), limitGranted('LU', 'U', '60000000.00', validity)] }];
    expect(whatIf(undeclared, {}, YEAR_END)).toEqual([]);
    // 10% of 500,000,000.00 = 50,000,000.00.
    expect(lines(whatIf(undeclared, { netCapital: yuan('500000000') }, YEAR_END))).toEqual([
      { who: 'U', basis: 'limit', measure: yuan('60000000'), cap: yuan('50000000'), excess: yuan('10000000'), since: '2025-01-05', inLog: false },
    ]);
  });

  it.each([['0'], ['0.00'], ['1.5'], ['12%'], ['-0.1'], ['.12']])('refuses a cap ratio of %s', (ratio) => {
    expect(() => validateScenario({ groupCapRatio: ratio })).toThrow(InvalidScenarioError);
    expect(() => whatIf(commands, { singleCustomerCapRatio: ratio }, YEAR_END)).toThrow(InvalidScenarioError);
  });

  it('refuses a net capital of zero', () => {
    expect(() => validateScenario({ netCapital: 0n })).toThrow('net capital must be more than zero');
  });
});
