import { evolve, initialBookState } from '@groupcap/domain';
import { belongsTo } from './history.command';
import { summarize } from './event-summary';

describe('history lines', () => {
  it('say what each event records, amounts with thousands separators', () => {
    expect(summarize({ type: 'RelationRecorded', data: { relationId: 'R1', from: 'W', to: 'L', relationType: 'family', share: null } })).toBe('R1: W <-> L family');
    expect(summarize({ type: 'RelationRecorded', data: { relationId: 'R2', from: 'P', to: 'A', relationType: 'equity', share: '0.515' } })).toBe('R2: P -> A equity 51.5%');
    expect(
      summarize({ type: 'DrawdownBooked', data: { drawdownId: 'D1', limitId: 'L1', customerId: 'C1', product: 'acceptance', amount: '10000000.00', margin: '4000000.00', exposure: '6000000.00' } }),
    ).toBe('D1 on L1 (C1): acceptance 10,000,000.00, margin 4,000,000.00, exposure 6,000,000.00');
    expect(
      summarize({ type: 'CapBreached', data: { subjectType: 'group', groupId: 'G000001', basis: 'limit', measure: '800000000.00', cap: '750000000.00', netCapital: '5000000000.00', ratio: '0.15' } }),
    ).toBe('group G000001 OVER its limit cap: limit 800,000,000.00, cap 750,000,000.00 (0.15 of 5,000,000,000.00)');
    expect(
      summarize({ type: 'GroupSplit', data: { groupId: 'G1', remainingMembers: ['A', 'B'], newGroups: [{ groupId: 'G2', name: 'C', members: ['C', 'D'] }], leftMembers: ['E'] } }),
    ).toBe('split: G1 keeps A, B; new G2 C, D; standalone E');
  });

  it('count an event for a customer when it names the customer or its group at that moment', () => {
    const before = [
      { type: 'CustomerRegistered', data: { customerId: 'A', name: 'A', kind: 'enterprise', creditCode: null } },
      { type: 'CustomerRegistered', data: { customerId: 'B', name: 'B', kind: 'enterprise', creditCode: null } },
      { type: 'GroupFormed', data: { groupId: 'G1', name: 'A', members: ['A', 'B'] } },
    ].reduce((s, e) => evolve(s, e as never), initialBookState);
    const breach = { type: 'CapBreached', data: { subjectType: 'group', groupId: 'G1', basis: 'limit', measure: '1.00', cap: '0.50', netCapital: '1.00', ratio: '0.5' } } as const;
    expect(belongsTo({ customer: 'B' }, breach, before, before, '2026-01-01')).toBe(true);
    expect(belongsTo({ customer: 'Z' }, breach, before, before, '2026-01-01')).toBe(false);
    const draw = { type: 'DrawdownBooked', data: { drawdownId: 'D', limitId: 'L', customerId: 'A', product: 'loan', amount: '1.00', margin: '0.00', exposure: '1.00' } } as const;
    expect(belongsTo({ group: 'G1' }, draw, before, before, '2026-01-01')).toBe(true);
    expect(belongsTo({ group: 'G1' }, draw, initialBookState, initialBookState, '2026-01-01')).toBe(false);
  });
});
