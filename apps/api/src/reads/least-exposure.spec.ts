import { withOutlookFor } from './least-exposure';

/** An approver's queue item shows its group's figures only for a request the approver may decide (domain.md section 7). */
describe('withOutlookFor', () => {
  const outlook = { subjectType: 'group', groupId: 'G000001', comprehensiveLimitIfApproved: '70000000.00' };
  const item = { limitId: 'LB', requestedBy: 'Wang', ifApproved: outlook };
  const who = (userId: string, roles: string[]) => ({ userId, roles }) as never;

  it("leaves the figures on another person's request", () => {
    expect(withOutlookFor(who('zhao', ['approver']), item).ifApproved).toBe(outlook);
  });

  it("takes them off an approver's own request, however the id is cased", () => {
    expect(withOutlookFor(who('wang', ['approver']), item)).toEqual({ ...item, ifApproved: null });
  });

  it('leaves them for a caller who reads every customer anyway (officer or risk as well)', () => {
    expect(withOutlookFor(who('wang', ['approver', 'officer']), item).ifApproved).toBe(outlook);
    expect(withOutlookFor(undefined, item).ifApproved).toBe(outlook);
  });
});
