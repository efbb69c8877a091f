import { BookCommand, BusinessDate } from '@groupcap/domain';
import { BookWriter, CommandOutcome } from '@groupcap/writer';
import { addWorkingDays } from './business-calendar';
import { DemoAction, DemoPlan } from './demo-plan';

/** The rules answered differently from what the demo plan meant: a bug in the plan or in the rules. */
export class DemoDidNotGoAsPlannedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoDidNotGoAsPlannedError';
  }
}

export interface DemoOutcome {
  commands: number;
  events: number;
  approvals: number;
  rejections: number;
  /** The refusals the demo shows on purpose, with why. */
  refusals: { date: BusinessDate; code: string; note: string }[];
  /** Requests the demo leaves awaiting approval. */
  pending: string[];
  notes: { date: BusinessDate; note: string }[];
  /** The last business day anything was submitted (approvals may follow the plan's last step). */
  lastDay: BusinessDate;
}

function limitIdOf(command: BookCommand): string {
  if (command.type === 'GrantLimit' || command.type === 'RenewLimit') return command.limitId;
  throw new DemoDidNotGoAsPlannedError(`${command.type} cannot leave a request awaiting approval`);
}

function describe(outcome: CommandOutcome): string {
  if (outcome.status === 'refused') return `refused ${outcome.refusal.code}: ${outcome.refusal.message}`;
  return outcome.status;
}

/**
 * Submits the plan through the real writer, one business day at a time (onDay is told which, before its
 * commands are submitted): each day's commands are queued
 * together (one group commit) in the plan's order, after the approvals that fall due that day. A request the
 * rules escalate is approved or rejected on the day its decision says, by an approver other than the
 * requester. Every outcome is checked against what the plan meant.
 */
export async function loadDemo(
  writer: BookWriter,
  plan: DemoPlan,
  hooks: { onDay?: (day: BusinessDate) => void; onAction?: (done: number, total: number) => void } = {},
): Promise<DemoOutcome> {
  const outcome: DemoOutcome = { commands: 0, events: 0, approvals: 0, rejections: 0, refusals: [], pending: [], notes: [], lastDay: plan.actions[0].date };
  const byDate = new Map<BusinessDate, DemoAction[]>();
  for (const action of plan.actions) byDate.set(action.date, [...(byDate.get(action.date) ?? []), action]);
  const dueOn = new Map<BusinessDate, DemoAction[]>();
  let done = 0;

  while (byDate.size > 0 || dueOn.size > 0) {
    const day = [...byDate.keys(), ...dueOn.keys()].sort()[0];
    const followUps = dueOn.get(day) ?? [];
    const planned = byDate.get(day) ?? [];
    dueOn.delete(day);
    byDate.delete(day);
    const batch = [...followUps, ...planned];
    hooks.onDay?.(day);
    outcome.lastDay = day;
    const results = await Promise.all(batch.map((a) => writer.submit({ command: a.command, actor: a.actor, effectiveDate: day })));

    batch.forEach((action, i) => {
      const result = results[i];
      const what = `${day} ${action.command.type} by ${action.actor.userId}`;
      if (action.expectRefusal) {
        if (result.status !== 'refused' || result.refusal.code !== action.expectRefusal) {
          throw new DemoDidNotGoAsPlannedError(`${what}: expected refusal ${action.expectRefusal}, got ${describe(result)}`);
        }
        outcome.refusals.push({ date: day, code: result.refusal.code, note: action.note ?? result.refusal.message });
        return;
      }
      if (result.status !== 'accepted') throw new DemoDidNotGoAsPlannedError(`${what}: ${describe(result)}`);
      outcome.commands++;
      outcome.events += result.events.length;
      if (action.note) outcome.notes.push({ date: day, note: action.note });
      if (action.command.type === 'ApproveLimit') outcome.approvals++;
      if (action.command.type === 'RejectLimit') outcome.rejections++;
      if (!result.pendingApproval) return;
      const decision = action.decision;
      if (!decision) throw new DemoDidNotGoAsPlannedError(`${what}: awaiting approval, and the plan says nothing about it`);
      const limitId = limitIdOf(action.command);
      if (decision.kind === 'leave-pending') {
        outcome.pending.push(limitId);
        return;
      }
      const on = addWorkingDays(day, decision.afterWorkingDays);
      const command: BookCommand = decision.kind === 'approve' ? { type: 'ApproveLimit', limitId } : { type: 'RejectLimit', limitId, reason: decision.reason ?? 'declined' };
      dueOn.set(on, [...(dueOn.get(on) ?? []), { date: on, actor: decision.by, command }]);
    });
    done += planned.length;
    hooks.onAction?.(done, plan.actions.length);
  }
  return outcome;
}
