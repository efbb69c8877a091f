import { BookEvent } from '@groupcap/domain';

/**
 * What an event does to what is kept per date of a subject's figures (kept-dates.ts: the large-credit report's rows,
 * the groups list's views), read off how the as-of reads (as-of-book.ts, as-of.queries.ts) use the rows the
 * projection writes for it (apply-event.ts):
 * - `customers`: it changes only rows read by customer id (limit events, movements, the customer row), which
 *   reach a subject only through the customer's own subject on the date (its group then, or itself alone):
 *   those customers are marked stale and their subjects recomputed on the next ask;
 * - `drop`: it can change any row (memberships, group names, group limits, capital, policy): the date's kept
 *   rows are dropped and the whole date recomputed on the next ask;
 * - `none`: neither the report nor the groups list reads anything it writes (relations are not shown in either).
 * `from`: 'effective-date' when the rows it writes are read only on dates on or after their effective date,
 * 'every-date' when some read takes them whatever their date (the customers table; net capital declarations,
 * read by their own asOf; a group's name, which falls back to a later-dated name).
 */
export type KeptEffect =
  | { kind: 'none' }
  | { kind: 'customers'; customerIds: readonly string[]; from: 'effective-date' | 'every-date' }
  | { kind: 'drop'; from: 'effective-date' | 'every-date' };

const NONE: KeptEffect = { kind: 'none' };

export function keptEffect(event: BookEvent): KeptEffect {
  switch (event.type) {
    // The customers table is read by id without a date (names, credit codes, the member lists): a registration
    // writes the one row of a customer that has no membership and no credit yet, so only its own subject can see it.
    case 'CustomerRegistered':
      return { kind: 'customers', customerIds: [event.data.customerId], from: 'every-date' };
    // limit_events and movements are read by customer and effective date. A limit event changes that customer's
    // limit only; a grant under a group limit also adds it to the group limit's allocations, which count only for
    // the members of its group on the date (allocationsOn), so only through the owner's group on the date.
    case 'LimitGranted':
    case 'LimitRequested':
    case 'LimitRenewed':
    case 'LimitRenewalRequested':
    case 'LimitApproved':
    case 'LimitRejected':
    case 'LimitCancelled':
    // A drawdown's movement and cover, and a repayment's movement, are the drawdown's customer's (the
    // repayment names it: RepaymentBooked.customerId is its drawdown's). Branch figures at the previous
    // quarter end read the same movements, on an earlier date.
    case 'DrawdownBooked':
    case 'RepaymentBooked':
      return { kind: 'customers', customerIds: [event.data.customerId], from: 'effective-date' };
    // Net capital (the ratio and every cap) is read by the declaration's asOf, whatever the event's date; policy
    // (the caps' ratios) is rare enough not to tell apart.
    case 'NetCapitalDeclared':
    case 'PolicyChanged':
      return { kind: 'drop', from: 'every-date' };
    // Memberships and names: a name is read on earlier dates too when the group had none then.
    case 'GroupFormed':
    case 'GroupsMerged':
    case 'GroupSplit':
      return { kind: 'drop', from: 'every-date' };
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
    case 'GroupDissolved':
    // Group limits count for the whole group; a reallocation changes two members' limits.
    case 'GroupLimitRequested':
    case 'GroupLimitApproved':
    case 'GroupLimitRejected':
    case 'GroupLimitRenewalRequested':
    case 'GroupLimitCancelled':
    case 'GroupLimitReallocated':
      return { kind: 'drop', from: 'effective-date' };
    // Relations reach the report and the groups list only through the group events they cause; breaches are not
    // read (inBreach is measured from the date's figures); filings are read apart at every ask (filed_reports).
    case 'RelationRecorded':
    case 'RelationRemoved':
    case 'CapBreached':
    case 'CapBreachCured':
    case 'LargeCreditReportFiled':
    case 'LargeExposureReportFiled':
      return NONE;
    default: {
      const unhandled: never = event;
      throw new Error(`no kept effect for event ${JSON.stringify(unhandled)}`);
    }
  }
}
