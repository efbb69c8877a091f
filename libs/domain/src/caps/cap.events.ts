export type CapBasis = 'limit' | 'exposure';

/** The group, or the standalone customer, that a cap applies to. */
export type Subject = { subjectType: 'group'; groupId: string } | { subjectType: 'customer'; customerId: string };

export type BreachFigures = { basis: CapBasis; measure: string; cap: string; netCapital: string; ratio: string };

export type CapEvent =
  | { type: 'CapBreached'; data: Subject & BreachFigures }
  /** `reason` is 'back-under-cap', or 'subject-ended' when the group was merged, split or dissolved. */
  | { type: 'CapBreachCured'; data: Subject & BreachFigures & { reason: 'back-under-cap' | 'subject-ended' } };
