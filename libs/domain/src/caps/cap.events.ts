export type CapBasis = 'limit' | 'exposure';

/** The group, or the standalone customer, that a cap applies to. */
export type Subject = { subjectType: 'group'; groupId: string } | { subjectType: 'customer'; customerId: string };

/**
 * `effectiveFrom`: the business date the breach or cure holds from, when that is not the effective date of the command
 * that recorded it (a back-dated command re-measures every later date: domain.md section 4).
 */
export type BreachFigures = { basis: CapBasis; measure: string; cap: string; netCapital: string; ratio: string; effectiveFrom?: string };

/** Re-measure every subject as of today: time alone (a limit expiring, a declaration taking effect) moves measures and caps. */
export type ReviewCaps = { type: 'ReviewCaps' };

export type CapEvent =
  | { type: 'CapBreached'; data: Subject & BreachFigures }
  /** `reason` is 'back-under-cap', or 'subject-ended' when the group was merged, split or dissolved. */
  | { type: 'CapBreachCured'; data: Subject & BreachFigures & { reason: 'back-under-cap' | 'subject-ended' } };
