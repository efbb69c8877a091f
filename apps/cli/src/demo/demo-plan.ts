import { BookCommand, BusinessDate, CustomerKind, Product, RefusalCode, RelationType, RiskClass, Role } from '@groupcap/domain';
import { addDays, addWorkingDays, oneYearFrom, workingDays } from './business-calendar';
import { DemoNames } from './demo-names';
import { SeededRandom } from './seeded-random';

export interface DemoActor {
  userId: string;
  roles: readonly Role[];
}

export const ADMIN: DemoActor = { userId: 'admin-zhao', roles: ['admin'] };
export const OFFICERS: readonly DemoActor[] = [
  { userId: 'officer-li', roles: ['officer'] },
  { userId: 'officer-zhang', roles: ['officer'] },
  { userId: 'officer-chen', roles: ['officer'] },
];
/** approver-wang also books business (officer): the one who must never approve his own request. */
export const WANG: DemoActor = { userId: 'approver-wang', roles: ['approver', 'officer'] };
export const LIU: DemoActor = { userId: 'approver-liu', roles: ['approver'] };

/** What happens to a request the command leaves awaiting approval (ignored when it takes effect at once). */
export type RequestDecision =
  | { kind: 'approve' | 'reject'; afterWorkingDays: number; by: DemoActor; reason?: string }
  | { kind: 'leave-pending' };

export interface DemoAction {
  date: BusinessDate;
  actor: DemoActor;
  command: BookCommand;
  /** The refusal the rules must give: the demo shows them at work. Anything else must be accepted. */
  expectRefusal?: RefusalCode;
  decision?: RequestDecision;
  /** Why this step is in the demo, printed in the summary. */
  note?: string;
}

export interface DemoPlan {
  seed: number;
  netCapital: string;
  /** In date order; the same date keeps the order steps depend on. */
  actions: DemoAction[];
  lastDate: BusinessDate;
  /** Ids the summary and the next steps point at. */
  highlights: { deemedGroupLink: string; mergedMember: string; carriedForwardLimit: string; familyCompany: string; regulator: string };
}

const YEAR_START = '2025-01-01';
const YEAR_END = '2025-12-31';
const NET_CAPITAL = 5_000_000_000; // group cap 15% = 750,000,000; single-customer cap 10% = 500,000,000
const BRANCHES = ['北京分行', '上海分行', '深圳分行', '杭州分行', '南京分行', '广州分行', '成都分行', '武汉分行'];
const ENTERPRISE_PRODUCTS: readonly (readonly [Product, number])[] = [
  ['loan', 5],
  ['acceptance', 3],
  ['letter-of-credit', 1.5],
  ['guarantee', 1.5],
  ['trade-finance', 1],
  ['discount', 1],
  ['factoring', 0.7],
  ['overdraft', 0.5],
  ['loan-commitment', 0.3],
];
const INSTITUTION_PRODUCTS: readonly (readonly [Product, number])[] = [
  ['interbank', 3],
  ['bond', 2],
  ['derivative', 1],
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** The plan works in whole yuan (weights times rounded steps); an amount that is not a whole number is a bug. */
const money = (yuan: number) => {
  if (!Number.isSafeInteger(yuan)) throw new Error(`demo amount ${yuan} is not a whole number of yuan`);
  return `${BigInt(yuan)}.00`;
};
const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);

interface PlannedLimit {
  limitId: string;
  customerId: string;
  kind: CustomerKind;
  amount: number;
  validFrom: BusinessDate;
  validTo: BusinessDate;
  riskClass: RiskClass;
  grantOn: BusinessDate;
  /** Last day a drawdown may be booked on it (null: none). */
  drawUntil: BusinessDate | null;
  /** Renewed in December for next year. */
  renewInDecember: boolean;
}

/**
 * A realistic year (2025) of a city commercial bank's credit book, planned from a seed: who registers, which
 * links make which groups, what is granted, drawn and repaid, and when. Every step is then decided by the
 * real domain through the writer (load-demo.ts), so every rule applies; the plan only knows what it meant.
 */
export function planDemoBook(seed = 2025): DemoPlan {
  const rng = new SeededRandom(seed);
  const names = new DemoNames(rng);
  const actions: DemoAction[] = [];
  const limits: PlannedLimit[] = [];
  const counters = { customer: 0, relation: 0, limit: 0, drawdown: 0 };
  const officer = () => rng.pick(OFFICERS);
  const add = (date: BusinessDate, actor: DemoActor, command: BookCommand, extra: Partial<DemoAction> = {}) => actions.push({ date, actor, command, ...extra });

  add('2025-01-02', ADMIN, { type: 'DeclareNetCapital', asOf: '2024-12-31', netCapital: money(NET_CAPITAL) }, { note: 'net capital 5,000,000,000.00 as of 2024-12-31: group cap 750,000,000.00, single-customer cap 500,000,000.00' });

  const janDays = workingDays('2025-01-02', '2025-01-10');
  const register = (name: string, kind: CustomerKind, date: BusinessDate = rng.pick(janDays), creditCodeType = '91'): string => {
    const customerId = `C${pad(++counters.customer, 4)}`;
    const creditCode = kind === 'individual' ? undefined : names.creditCode(creditCodeType);
    add(date, officer(), { type: 'RegisterCustomer', customerId, name, kind, ...(creditCode ? { creditCode } : {}) });
    return customerId;
  };
  const relate = (date: BusinessDate, from: string, to: string, relationType: RelationType, share?: number, note?: string): string => {
    const relationId = `R${pad(++counters.relation, 4)}`;
    add(date, officer(), { type: 'RecordRelation', relationId, from, to, relationType, ...(share !== undefined ? { share: String(share) } : {}) }, note ? { note } : {});
    return relationId;
  };
  const plan = (customerId: string, kind: CustomerKind, amount: number, grantOn: BusinessDate, o: Partial<PlannedLimit> = {}): PlannedLimit => {
    const limit: PlannedLimit = {
      limitId: `L${pad(++counters.limit, 4)}`,
      customerId,
      kind,
      amount,
      validFrom: YEAR_START,
      validTo: YEAR_END,
      riskClass: 'standard',
      grantOn,
      drawUntil: '2025-11-28',
      renewInDecember: true,
      ...o,
    };
    limits.push(limit);
    return limit;
  };
  /** Splits a group's total over its members by weight, in whole millions, adding up exactly. */
  const share = (total: number, weights: number[]): number[] => {
    const sum = weights.reduce((a, b) => a + b, 0);
    const amounts = weights.map((w) => roundTo((total * w) / sum, 1_000_000));
    amounts[0] += total - amounts.reduce((a, b) => a + b, 0);
    return amounts;
  };
  const groupGrantDays = workingDays('2025-01-27', '2025-03-28');

  // Private groups of several levels, tied by equity and control links (domain.md section 1).
  const setupDays = workingDays('2025-01-13', '2025-01-24');
  const groups: { members: string[]; weights: number[]; level1: string[] }[] = [];
  for (let g = 0; g < 36; g++) {
    const brand = names.brand();
    const on = rng.pick(setupDays);
    const holding = register(names.holding(brand), 'enterprise');
    const members = [holding];
    const weights = [3];
    const level1: string[] = [];
    if (g % 6 === 0) {
      // A natural person at the top connects the group but is not one of its members.
      const founder = register(names.person(), 'individual');
      relate(on, founder, holding, 'equity', rng.pick([0.6, 0.7, 0.8]));
    }
    for (let i = rng.int(2, 4); i > 0; i--) {
      const sub = register(names.subsidiary(brand), 'enterprise');
      const form = rng.weighted<RelationType>([['equity', 8], ['board', 1], ['agreement', 0.5], ['consolidation', 0.5], ['voting', 0.5]]);
      if (form === 'equity') relate(on, holding, sub, 'equity', rng.pick([0.51, 0.55, 0.6, 0.66, 0.7, 0.75, 0.8, 0.9, 1]));
      else {
        relate(on, holding, sub, 'equity', 0.3);
        relate(on, holding, sub, form);
      }
      members.push(sub);
      weights.push(2);
      level1.push(sub);
      for (let j = rng.weighted([[0, 5], [1, 3], [2, 2]]); j > 0; j--) {
        const grandchild = register(names.subsidiary(brand), 'enterprise');
        relate(on, sub, grandchild, 'equity', rng.pick([0.51, 0.6, 0.7, 0.8, 0.9]));
        members.push(grandchild);
        weights.push(1);
      }
    }
    if (g % 3 === 1) {
      // Indirect control: 30% held directly plus 25% held by a controlled subsidiary = 55% for the bloc.
      const joint = register(names.subsidiary(brand), 'enterprise');
      relate(on, holding, joint, 'equity', 0.3);
      relate(on, level1[0], joint, 'equity', 0.25);
      members.push(joint);
      weights.push(1);
    }
    groups.push({ members, weights, level1 });
  }

  // Two groups sized so that each is within the cap and together they are not: 420,000,000 + 380,000,000 > 750,000,000.
  const [deemedA, deemedB] = [groups[3], groups[8]];
  const carriedForwardGroup = groups[10];
  groups.forEach((group, g) => {
    const total = group === deemedA ? 420_000_000 : group === deemedB ? 380_000_000 : rng.int(12, 52) * 10_000_000;
    const amounts = share(total, group.weights);
    group.members.forEach((customerId, i) => {
      const special = group === deemedA || group === deemedB;
      const term = !special && g !== 10 && rng.chance(0.1) ? 'half-year' : 'year';
      const limit = plan(customerId, 'enterprise', amounts[i], rng.pick(groupGrantDays), {
        validTo: term === 'half-year' ? '2025-06-30' : YEAR_END,
        drawUntil: special ? '2025-10-10' : term === 'half-year' ? '2025-06-13' : '2025-11-28',
        renewInDecember: !special && term === 'year',
      });
      if (term === 'half-year') renewMidYear(limit);
      if (!special && g !== 10 && rng.chance(0.08)) {
        plan(customerId, 'enterprise', rng.int(1, 6) * 5_000_000, rng.pick(groupGrantDays), { riskClass: 'low-risk', renewInDecember: false });
      }
    });
  });

  // A renewal asked before expiry and still awaiting approval at year end: reported at the old amount (carried forward).
  const carriedForward = limits.find((l) => l.customerId === carriedForwardGroup.members[0])!;
  carriedForward.validTo = '2025-09-30';
  carriedForward.drawUntil = '2025-09-12';
  carriedForward.renewInDecember = false;

  // A family bloc: spouses whose pooled holdings control two companies, which are therefore one group.
  const familyDay = '2025-01-15';
  const husband = register('王建国', 'individual');
  const wife = register('李秀英', 'individual');
  const familyCompany = register('建国实业有限公司', 'enterprise');
  const wifeCompany = register('秀英国际贸易有限公司', 'enterprise');
  relate(familyDay, husband, wife, 'family', undefined, 'family bloc: 王建国 and 李秀英 are spouses');
  relate(familyDay, husband, familyCompany, 'equity', 0.35);
  relate(familyDay, wife, familyCompany, 'equity', 0.3, 'the spouses pool 35% + 30% = 65% of 建国实业: control');
  relate(familyDay, wife, wifeCompany, 'equity', 0.6, '建国实业 and 秀英国际贸易 form one group through the family bloc');
  plan(familyCompany, 'enterprise', 150_000_000, '2025-02-03');
  plan(wifeCompany, 'enterprise', 60_000_000, '2025-02-04');

  // A state-asset regulator: its subsidiaries share only it as controller and stay separate (domain.md section 1).
  const soeDay = '2025-01-16';
  const regulator = register('江州市人民政府国有资产监督管理委员会', 'state-asset-regulator', '2025-01-03', '11');
  const cityInvest = register('江州城市建设投资集团有限公司', 'enterprise', '2025-01-03');
  const cityBuild = register('江州城投建设工程有限公司', 'enterprise', '2025-01-03');
  const cityEstate = register('江州城投置业有限公司', 'enterprise', '2025-01-03');
  const water = register('江州水务集团有限公司', 'enterprise', '2025-01-03');
  const waterWorks = register('江州水务工程有限公司', 'enterprise', '2025-01-03');
  const transport = register('江州交通投资集团有限公司', 'enterprise', '2025-01-03');
  relate(soeDay, regulator, cityInvest, 'equity', 1, 'the regulator owns three groups; its control never joins them into one');
  relate(soeDay, regulator, water, 'equity', 1);
  relate(soeDay, regulator, transport, 'equity', 0.9);
  relate(soeDay, cityInvest, cityBuild, 'equity', 0.7);
  relate(soeDay, cityInvest, cityEstate, 'equity', 0.6);
  relate(soeDay, water, waterWorks, 'equity', 0.8);
  plan(cityInvest, 'enterprise', 300_000_000, '2025-02-10');
  plan(cityBuild, 'enterprise', 180_000_000, '2025-02-10');
  plan(cityEstate, 'enterprise', 120_000_000, '2025-02-11');
  plan(water, 'enterprise', 140_000_000, '2025-02-12');
  plan(waterWorks, 'enterprise', 60_000_000, '2025-02-12');
  plan(transport, 'enterprise', 300_000_000, '2025-02-13');
  add('2025-08-05', officer(), { type: 'GrantLimit', limitId: `L${pad(++counters.limit, 4)}`, customerId: cityBuild, amount: money(200_000_000), validFrom: '2025-08-05', validTo: '2026-08-04', branch: '南京分行' }, {
    expectRefusal: 'GROUP_CAP_EXCEEDED',
    note: 'a further 200,000,000.00 for 江州城投建设 would take its group to 800,000,000.00, over the 750,000,000.00 cap: refused',
  });

  // Standalone customers: most registered in January, more onboarded through the year.
  const standaloneAmount = () => (rng.chance(0.85) ? rng.int(1, 12) * 5_000_000 : rng.int(8, 30) * 10_000_000);
  const standalone: string[] = [];
  for (let i = 0; i < 70; i++) {
    const customerId = register(names.company(), 'enterprise');
    standalone.push(customerId);
    // The first three play special parts below: plain one-year limits.
    const term = i < 3 ? 'year' : rng.weighted([['year', 17], ['half-year', 2], ['september', 1]] as const);
    const limit = plan(customerId, 'enterprise', standaloneAmount(), rng.pick(workingDays('2025-01-13', '2025-03-28')), {
      validTo: term === 'year' ? YEAR_END : term === 'half-year' ? '2025-06-30' : '2025-09-30',
      drawUntil: term === 'year' ? '2025-11-28' : term === 'half-year' ? '2025-06-13' : '2025-09-12',
      renewInDecember: term === 'year',
    });
    if (term === 'half-year') renewMidYear(limit);
    if (term === 'september') {
      const on = rng.pick(workingDays('2025-09-15', '2025-09-19'));
      add(on, officer(), { type: 'RenewLimit', limitId: limit.limitId, amount: money(limit.amount), validTo: '2026-09-30' }, {
        decision: { kind: 'approve', afterWorkingDays: 2, by: rng.pick([WANG, LIU]) },
      });
    }
  }
  for (let i = 0; i < 6; i++) {
    const customerId = register(names.financialInstitution(), 'financial-institution');
    plan(customerId, 'financial-institution', rng.int(4, 20) * 10_000_000, rng.pick(workingDays('2025-01-13', '2025-02-28')));
  }
  for (const day of workingDays('2025-02-03', '2025-11-14').filter((_, i) => i % 9 === 4)) {
    const customerId = register(names.company(), 'enterprise', day);
    standalone.push(customerId);
    plan(customerId, 'enterprise', standaloneAmount(), day, { validFrom: day, validTo: oneYearFrom(day), renewInDecember: false });
  }

  // Related parties that do not make groups: guarantees, key managers, significant influence.
  for (let i = 0; i < 12; i++) {
    const [a, b] = [rng.pick(standalone.slice(0, 70)), rng.pick(standalone.slice(0, 70))];
    if (a === b) continue;
    const type = rng.pick<RelationType>(['guarantee', 'significant-influence', 'guarantee']);
    if (actions.some((x) => x.command.type === 'RecordRelation' && x.command.from === a && x.command.to === b && x.command.relationType === type)) continue;
    relate(rng.pick(workingDays('2025-02-03', '2025-04-30')), a, b, type);
  }
  relate('2025-03-03', husband, standalone[5], 'management', undefined, '王建国 sits on the board of a standalone customer: a related party, not a group');

  // Special limits among the standalone customers.
  const expiring = limits.find((l) => l.customerId === standalone[1])!;
  Object.assign(expiring, { validTo: '2025-08-31', drawUntil: '2025-08-15', renewInDecember: false });
  const cancelled = limits.find((l) => l.customerId === standalone[2])!;
  Object.assign(cancelled, { drawUntil: null, renewInDecember: false });
  add('2025-07-15', officer(), { type: 'CancelLimit', limitId: cancelled.limitId }, { note: 'an unused limit cancelled' });

  const rejectedCustomer = register(names.company(), 'enterprise', '2025-05-12');
  const rejected = `L${pad(++counters.limit, 4)}`;
  add('2025-05-12', OFFICERS[1], { type: 'GrantLimit', limitId: rejected, customerId: rejectedCustomer, amount: money(180_000_000), validFrom: '2025-05-12', validTo: '2026-05-11', branch: '深圳分行' }, {
    decision: { kind: 'reject', afterWorkingDays: 3, by: LIU, reason: '抵押物不足，退回补充材料' },
    note: 'a 180,000,000.00 request rejected by the approver',
  });

  const wangCustomer = register(names.company(), 'enterprise', '2025-06-09');
  const wangLimit = plan(wangCustomer, 'enterprise', 120_000_000, '2025-06-09', { validFrom: '2025-06-09', validTo: '2026-06-08', renewInDecember: false });
  add('2025-06-11', WANG, { type: 'ApproveLimit', limitId: wangLimit.limitId }, { expectRefusal: 'SELF_APPROVAL', note: 'approver-wang asked for this limit himself: he may not approve it' });

  // Grants, with approvals for the requests the rules escalate (group or customer total above 66,000,000.00).
  for (const limit of limits) {
    const requester = limit === wangLimit ? WANG : officer();
    const decision: RequestDecision =
      limit === wangLimit ? { kind: 'approve', afterWorkingDays: 3, by: LIU } : { kind: 'approve', afterWorkingDays: rng.int(2, 4), by: rng.pick([WANG, LIU]) };
    add(limit.grantOn, requester, {
      type: 'GrantLimit',
      limitId: limit.limitId,
      customerId: limit.customerId,
      amount: money(limit.amount),
      validFrom: limit.validFrom,
      validTo: limit.validTo,
      riskClass: limit.riskClass,
      branch: rng.pick(BRANCHES),
    }, { decision });
  }
  add('2025-09-22', OFFICERS[0], { type: 'RenewLimit', limitId: carriedForward.limitId, amount: money(carriedForward.amount), validTo: '2026-09-30' }, {
    decision: { kind: 'leave-pending' },
    note: `renewal of ${carriedForward.limitId} still awaiting approval when it expires on 2025-09-30: reported at its old amount (carried forward)`,
  });

  // Drawdowns across products, with margins, and repayments.
  const drawdownsOf = new Map<string, { id: string; date: BusinessDate; amount: number; repaid: boolean }[]>();
  for (const limit of limits) {
    if (limit.drawUntil === null) continue;
    const from = addWorkingDays(limit.grantOn, 8);
    const days = workingDays(from, limit.drawUntil < limit.validTo ? limit.drawUntil : limit.validTo);
    if (days.length === 0) continue;
    const count = limit === expiring ? 1 : rng.weighted([[0, 2], [1, 4], [2, 3], [3, 2]]);
    const dates = Array.from({ length: count }, () => rng.pick(days)).sort();
    for (const date of dates) {
      const amount = roundTo(limit.amount * (0.1 + rng.next() * (0.75 / count - 0.1)), 10_000);
      const product = limit.riskClass === 'low-risk' ? 'acceptance' : rng.weighted(limit.kind === 'financial-institution' ? INSTITUTION_PRODUCTS : ENTERPRISE_PRODUCTS);
      const marginRate =
        limit.riskClass === 'low-risk' ? 1 : product === 'acceptance' ? rng.pick([0.3, 0.35, 0.4, 0.5]) : product === 'letter-of-credit' ? 0.2 : product === 'guarantee' ? rng.pick([0.1, 0.2, 0.3]) : 0;
      const margin = marginRate === 0 ? 0 : marginRate === 1 ? amount : roundTo(amount * marginRate, 10_000);
      const id = `D${pad(++counters.drawdown, 5)}`;
      add(date, officer(), { type: 'BookDrawdown', drawdownId: id, limitId: limit.limitId, amount: money(amount), product, ...(margin > 0 ? { margin: money(margin) } : {}) });
      const drawn = { id, date, amount, repaid: false };
      drawdownsOf.set(limit.limitId, [...(drawdownsOf.get(limit.limitId) ?? []), drawn]);
      if (limit === expiring || !rng.chance(0.55)) continue;
      const repayOn = addWorkingDays(addDays(date, rng.int(15, 120)), 0);
      if (repayOn > '2025-12-19') continue;
      drawn.repaid = true;
      const repaid = rng.chance(0.5) ? amount : roundTo(amount * (0.3 + rng.next() * 0.4), 10_000);
      add(repayOn, officer(), { type: 'BookRepayment', drawdownId: id, amount: money(repaid) });
    }
  }

  // The bank judges two groups to be one (shared funding, hidden ties): they merge, and the merged group breaks the cap.
  const [memberA, memberB] = [deemedA.level1[0], deemedB.level1[0]];
  const deemedGroupLink = relate('2025-10-15', memberA, memberB, 'deemed-group', undefined, 'deemed-group link: two groups of 420,000,000.00 and 380,000,000.00 merge into 800,000,000.00 > 750,000,000.00: a breach');
  const lateLimit = limits.find((l) => l.customerId === memberA)!;
  add('2025-10-20', officer(), { type: 'BookDrawdown', drawdownId: `D${pad(++counters.drawdown, 5)}`, limitId: lateLimit.limitId, amount: money(1_000_000), product: 'loan' }, {
    expectRefusal: 'GROUP_IN_BREACH',
    note: 'a drawdown for the merged group is refused while it is in breach',
  });
  const toRepay = [...deemedA.members, ...deemedB.members]
    .flatMap((c) => limits.filter((l) => l.customerId === c))
    .flatMap((l) => drawdownsOf.get(l.limitId) ?? [])
    .find((d) => !d.repaid);
  if (toRepay) add('2025-10-27', officer(), { type: 'BookRepayment', drawdownId: toRepay.id, amount: money(roundTo(toRepay.amount / 10, 10_000)) }, { note: 'repayments are always accepted, breach or not' });

  // December: next year's limits renewed (escalated ones approved before year end).
  for (const limit of limits) {
    if (!limit.renewInDecember || limit.validTo !== YEAR_END || !rng.chance(0.7)) continue;
    const amount = roundTo(limit.amount * (0.9 + rng.next() * 0.2), 1_000_000);
    add(rng.pick(workingDays('2025-12-08', '2025-12-17')), officer(), { type: 'RenewLimit', limitId: limit.limitId, amount: money(amount), validTo: '2026-12-31' }, {
      decision: { kind: 'approve', afterWorkingDays: rng.int(2, 3), by: rng.pick([WANG, LIU]) },
    });
  }

  function renewMidYear(limit: PlannedLimit): void {
    const amount = roundTo(limit.amount * (1 + rng.next() * 0.1), 1_000_000);
    add(rng.pick(workingDays('2025-06-16', '2025-06-20')), officer(), { type: 'RenewLimit', limitId: limit.limitId, amount: money(amount), validTo: '2026-06-30' }, {
      decision: { kind: 'approve', afterWorkingDays: 2, by: rng.pick([WANG, LIU]) },
    });
  }

  const sorted = actions.map((a, i) => ({ a, i })).sort((x, y) => (x.a.date < y.a.date ? -1 : x.a.date > y.a.date ? 1 : x.i - y.i)).map((x) => x.a);
  return {
    seed,
    netCapital: money(NET_CAPITAL),
    actions: sorted,
    lastDate: sorted[sorted.length - 1].date,
    highlights: { deemedGroupLink, mergedMember: memberA, carriedForwardLimit: carriedForward.limitId, familyCompany, regulator },
  };
}
