import { Regime } from '../shared/policy';

/**
 * The measure a cap is applied to. cbrc-2010 (domain.md section 4): `limit` (reported comprehensive limit) and
 * `exposure`, both against net capital. nfra-2018 (section 8), all on the 2018 exposure measure:
 * `tier1-single-client` (15% of tier-1), `single-client-loans` (loans only, 10% of NET capital),
 * `tier1-connected-group` (20% of tier-1) and `tier1-interbank` (25% of tier-1, single client or group).
 */
export type CapBasis = CbrcBasis | LargeExposureBasis;
export type CbrcBasis = 'limit' | 'exposure';
export type LargeExposureBasis = 'tier1-single-client' | 'single-client-loans' | 'tier1-connected-group' | 'tier1-interbank';
export const LARGE_EXPOSURE_BASES: readonly LargeExposureBasis[] = ['tier1-single-client', 'single-client-loans', 'tier1-connected-group', 'tier1-interbank'];

/** Which capital figure a cap is a ratio of: every 2018 basis is tier-1 net capital except single-client-loans. */
export type CapitalBase = 'net-capital' | 'tier1-net-capital';
export function capitalBaseOf(basis: CapBasis): CapitalBase {
  switch (basis) {
    case 'limit':
    case 'exposure':
    case 'single-client-loans':
      return 'net-capital';
    case 'tier1-single-client':
    case 'tier1-connected-group':
    case 'tier1-interbank':
      return 'tier1-net-capital';
    default: {
      const unknown: never = basis;
      return unknown;
    }
  }
}

/** The group, or the standalone customer, that a 2010 cap applies to (and the single client of a 2018 cap). */
export type Subject = { subjectType: 'group'; groupId: string } | { subjectType: 'customer'; customerId: string };

/**
 * A connected group of the 2018 measure (domain.md section 8): clients joined by group-client membership or by
 * economic dependence on a date, at least two of them.
 *
 * Identity: `connectedGroupId` is the smallest member customer id (compareIds order) on the date, its anchor. It
 * needs no id counter and no event of its own: anyone can recompute it from the group events and the relations in
 * force. Members may join and leave and the subject stays the same (its breach stays open and is measured again)
 * as long as the anchor stays in it; when the anchor leaves, or fewer than two clients remain, the subject ends
 * (an open breach is closed 'subject-ended') and the clients left form a connected group of their own anchor.
 */
export type ConnectedGroupSubject = { subjectType: 'connected-group'; connectedGroupId: string };

/** Anything a breach or cure can name: a 2010 subject, or a 2018 single client or connected group. */
export type BreachSubject = Subject | ConnectedGroupSubject;

/**
 * `effectiveFrom`: the business date the breach or cure holds from, when that is not the effective date of the command
 * that recorded it (a back-dated command re-measures every later date: domain.md section 4).
 *
 * `regime`: always recorded now; events of v1 (before the 2018 regime) are upcast to 'cbrc-2010'. The type leaves
 * it optional only so that 2010 events written by older code and fixtures still type-check: read it with
 * regimeOf().
 * `netCapital` is the net capital in force; 2018 events also carry `capitalBase` (the figure the cap is a ratio of)
 * and `tier1NetCapital` when the base is tier-1, and a connected group's breach names its `members` on that date.
 */
export type BreachFigures = {
  regime?: Regime;
  basis: CapBasis;
  measure: string;
  cap: string;
  netCapital: string;
  ratio: string;
  capitalBase?: CapitalBase;
  tier1NetCapital?: string;
  members?: string[];
  effectiveFrom?: string;
};

/** The regime of a breach or cure: 'cbrc-2010' when the event predates the 2018 regime. */
export function regimeOf(figures: Pick<BreachFigures, 'regime'>): Regime {
  return figures.regime ?? 'cbrc-2010';
}

/**
 * Re-measure every subject as of today: time alone (a limit expiring, a declaration taking effect) moves measures and
 * caps. `since`: a business date on which a review of every subject would have recorded nothing for this book (the
 * writer's last review, with every command since decided on that same date); then only the subjects time alone moved
 * since are measured, which records the same events (caps/review-scope.ts). Without it, every subject.
 */
export type ReviewCaps = { type: 'ReviewCaps'; since?: string };

export type CapEvent =
  | { type: 'CapBreached'; data: BreachSubject & BreachFigures }
  /** `reason` is 'back-under-cap', or 'subject-ended' when the group was merged, split or dissolved. */
  | { type: 'CapBreachCured'; data: BreachSubject & BreachFigures & { reason: 'back-under-cap' | 'subject-ended' } };
