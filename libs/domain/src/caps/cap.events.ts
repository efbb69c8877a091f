export type CapBasis = 'limit' | 'exposure';

/** The group, or the standalone customer, that a cap applies to. */
export type Subject = { subjectType: 'group'; groupId: string } | { subjectType: 'customer'; customerId: string };

export type BreachFigures = { basis: CapBasis; measure: string; cap: string; netCapital: string; ratio: string };

/** Re-measure every subject as of today: time alone (a limit expiring, a declaration taking effect) moves measures and caps. */
export type ReviewCaps = { type: 'ReviewCaps' };

export type CapEvent =
  | { type: 'CapBreached'; data: Subject & BreachFigures }
  /** `reason` is 'back-under-cap', or 'subject-ended' when the group was merged, split or dissolved. */
  | { type: 'CapBreachCured'; data: Subject & BreachFigures & { reason: 'back-under-cap' | 'subject-ended' } };
