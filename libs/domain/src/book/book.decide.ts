import { BookCommand, CommandContext } from './book.commands';
import { BookEvent } from './book.events';
import { BookState } from './book.state';
import { evolveOn, heldFrom } from './book.evolve';
import { Refusal, isRefusal, refuse } from '../shared/refusal';
import { decideChangePolicy, decideDeclareNetCapital } from '../capital/capital.decide';
import { decideRegisterCustomer } from '../customers/customer.decide';
import { decideRecordRelation, decideRemoveRelation } from '../relations/relation.decide';
import { decideApproveLimit, decideCancelLimit, decideGrantLimit, decideRejectLimit, decideRenewLimit } from '../limits/limit.decide';
import { decideBookDrawdown, decideBookRepayment } from '../drawdowns/drawdown.decide';
import { reconcileBreaches } from '../caps/breach-reconciliation';
import { GroupSums } from '../caps/group-sums';
import { reconcileLargeExposureBreaches } from '../large-exposures/large-exposure.breaches';
import { reviewScope } from '../caps/review-scope';
import { decideFileReport } from '../reports/report.decide';
import { decideFileLargeExposureReport } from '../large-exposures/large-exposure.filing';
import {
  decideApproveGroupLimit,
  decideCancelGroupLimit,
  decideReallocateGroupLimit,
  decideRejectGroupLimit,
  decideRenewGroupLimit,
  decideRequestGroupLimit,
} from '../group-limits/group-limit.decide';

export type Decision = BookEvent[] | Refusal;

function decideCommand(command: BookCommand, state: BookState, ctx: CommandContext, sums: GroupSums): Decision {
  switch (command.type) {
    case 'DeclareNetCapital':
      return decideDeclareNetCapital(command, ctx.today);
    case 'ChangePolicy':
      return decideChangePolicy(command, state, ctx.effectiveDate);
    case 'RegisterCustomer':
      return decideRegisterCustomer(command, state);
    case 'RecordRelation':
      return decideRecordRelation(command, state, ctx.effectiveDate, sums);
    case 'RemoveRelation':
      return decideRemoveRelation(command, state, ctx.effectiveDate, sums);
    case 'GrantLimit':
      return decideGrantLimit(command, state, ctx);
    case 'ApproveLimit':
      return decideApproveLimit(command, state, ctx);
    case 'RejectLimit':
      return decideRejectLimit(command, state, ctx);
    case 'RenewLimit':
      return decideRenewLimit(command, state, ctx);
    case 'CancelLimit':
      return decideCancelLimit(command, state, ctx);
    case 'BookDrawdown':
      return decideBookDrawdown(command, state, ctx);
    case 'BookRepayment':
      return decideBookRepayment(command, state, ctx.effectiveDate);
    case 'FileLargeCreditReport':
      return decideFileReport(command, state, ctx.today);
    case 'FileLargeExposureReport':
      return decideFileLargeExposureReport(command, state, ctx.today);
    case 'ReviewCaps':
      return [];
    case 'RequestGroupLimit':
      return decideRequestGroupLimit(command, state, ctx);
    case 'ApproveGroupLimit':
      return decideApproveGroupLimit(command, state, ctx);
    case 'RejectGroupLimit':
      return decideRejectGroupLimit(command, state, ctx);
    case 'RenewGroupLimit':
      return decideRenewGroupLimit(command, state, ctx);
    case 'CancelGroupLimit':
      return decideCancelGroupLimit(command, state, ctx);
    case 'ReallocateGroupLimit':
      return decideReallocateGroupLimit(command, state, ctx);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

/**
 * Pure: the events a command produces against the state, or why it is refused. Every rule of domain.md
 * lives behind this function; after the command's own events, breaches and cures on either cap are derived
 * from the state they lead to (domain.md section 4).
 */
export function decide(command: BookCommand, state: BookState, ctx: CommandContext): Decision {
  const decided = decideAndEvolve(command, state, ctx);
  return isRefusal(decided) ? decided : decided.events;
}

/** decide() plus the state its events lead to, which deciding had to compute anyway (the writer's hot path). */
export function decideAndEvolve(command: BookCommand, state: BookState, ctx: CommandContext): { events: BookEvent[]; state: BookState } | Refusal {
  if (ctx.effectiveDate > ctx.today) {
    return refuse('EFFECTIVE_DATE_IN_FUTURE', `effective date ${ctx.effectiveDate} is after today (${ctx.today})`, { effectiveDate: ctx.effectiveDate, today: ctx.today });
  }
  // Groups summed while deciding (a merge ranks the groups it joins) are not summed again to check their caps.
  const sums = new GroupSums();
  const events = decideCommand(command, state, ctx, sums);
  if (isRefusal(events)) return events;
  const apply = evolveOn(ctx.effectiveDate);
  const after = events.reduce(apply, state);
  // Breaches are measured from the earliest date the command's facts hold from, on every date something took
  // effect, up to today.
  const from = events.reduce((earliest, e) => {
    const held = heldFrom(e, ctx.effectiveDate);
    return held < earliest ? held : earliest;
  }, ctx.effectiveDate);
  const dates = { from, effectiveDate: ctx.effectiveDate, today: ctx.today };
  // A review measures every subject, or, given the date of the last review, only those time alone moved since.
  const review = command.type === 'ReviewCaps' ? reviewScope(state, command.since, ctx.effectiveDate, ctx.today) : undefined;
  const breaches = reconcileBreaches(state, after, events, dates, review, sums);
  // The 2018 regime is measured side by side, on its own books (domain.md section 8); time alone moves none of its
  // measures, so only a full review measures it again (review-scope.ts).
  const largeExposureBreaches = reconcileLargeExposureBreaches(state, after, events, dates, review?.kind === 'every-subject');
  const recorded = [...breaches, ...largeExposureBreaches];
  return { events: [...events, ...recorded], state: recorded.reduce(apply, after) };
}
