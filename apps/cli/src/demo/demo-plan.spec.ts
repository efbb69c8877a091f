import { isBusinessDate } from '@groupcap/domain';
import { isWorkingDay } from './business-calendar';
import { LIU, WANG, planDemoBook } from './demo-plan';

describe('the demo plan', () => {
  const plan = planDemoBook(2025);

  it('is the same for the same seed and different for another', () => {
    expect(planDemoBook(2025)).toEqual(plan);
    expect(planDemoBook(7).actions).not.toEqual(plan.actions);
  });

  it('runs through 2025 on working days, in date order', () => {
    const dates = plan.actions.map((a) => a.date);
    expect(dates.every((d) => isBusinessDate(d) && d >= '2025-01-02' && d <= '2025-12-31' && isWorkingDay(d))).toBe(true);
    expect([...dates].sort()).toEqual(dates);
    expect(plan.lastDate).toBe(dates[dates.length - 1]);
  });

  it('registers a few hundred customers, each once, before anything refers to them', () => {
    const registered = new Map<string, string>();
    for (const a of plan.actions) {
      if (a.command.type === 'RegisterCustomer') {
        expect(registered.has(a.command.customerId)).toBe(false);
        registered.set(a.command.customerId, a.date);
      }
      if (a.command.type === 'GrantLimit') expect(registered.get(a.command.customerId)! <= a.date).toBe(true);
      if (a.command.type === 'RecordRelation') expect([a.command.from, a.command.to].every((c) => registered.get(c)! <= a.date)).toBe(true);
    }
    expect(registered.size).toBeGreaterThanOrEqual(200);
    expect(registered.size).toBeLessThan(1000);
  });

  it('says what happens to every request an approver may have to decide, and only approvers decide', () => {
    for (const a of plan.actions) {
      if ((a.command.type === 'GrantLimit' || a.command.type === 'RenewLimit') && !a.expectRefusal) expect(a.decision).toBeDefined();
      if (a.decision && a.decision.kind !== 'leave-pending') {
        expect([WANG, LIU]).toContain(a.decision.by);
        expect(a.decision.by.userId).not.toBe(a.actor.userId);
      }
    }
  });

  it('shows each rule it means to show exactly once', () => {
    expect(plan.actions.filter((a) => a.expectRefusal).map((a) => a.expectRefusal)).toEqual(['SELF_APPROVAL', 'GROUP_CAP_EXCEEDED', 'GROUP_IN_BREACH']);
    expect(plan.actions.filter((a) => a.command.type === 'RecordRelation' && a.command.relationType === 'deemed-group')).toHaveLength(1);
    expect(plan.actions.filter((a) => a.decision?.kind === 'leave-pending').map((a) => a.command)).toEqual([
      { type: 'RenewLimit', limitId: plan.highlights.carriedForwardLimit, amount: expect.any(String), validTo: '2026-09-30' },
    ]);
  });
});
