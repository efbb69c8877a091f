import Decimal from 'decimal.js';
import { BookState, Relation } from '../book/book.state';
import { RelationType } from '../groups/group-graph';
import { BusinessDate } from '../shared/business-date';
import { isRatioString } from '../shared/money';
import { Refusal, refuse } from '../shared/refusal';
import { RELATION_TYPES, RecordRelation, RemoveRelation } from './relation.commands';
import { RelationEvent } from './relation.events';
import { evolveRelation } from './relation.evolve';
import { regroup } from './regroup';
import { GroupSums } from '../caps/group-sums';
import { notYetInEffect } from '../book/in-effect';
import { inForce } from '../book/book-on-date';

const UNDIRECTED: ReadonlySet<RelationType> = new Set(['family', 'deemed-group', 'economic-dependence']);
/** Relations through which `from` holds or controls `to`: a natural person cannot be held or controlled. */
const HOLDING: ReadonlySet<RelationType> = new Set(['equity', 'voting', 'board', 'agreement', 'consolidation']);

function sameLink(r: Relation, c: RecordRelation): boolean {
  if (r.relationType !== c.relationType) return false;
  if (r.from === c.from && r.to === c.to) return true;
  return UNDIRECTED.has(c.relationType) && r.from === c.to && r.to === c.from;
}

function equityHeldIn(state: BookState, companyId: string, date: BusinessDate): Decimal {
  let total = new Decimal(0);
  for (const r of state.relationsByCustomer.get(companyId) ?? []) {
    if (r.relationType === 'equity' && r.to === companyId && r.share && inForce(r, date)) total = total.plus(r.share);
  }
  return total;
}

/**
 * The most equity recorded in the company on any date from `date` on: holdings only change on the dates their
 * relations were recorded or removed, so those dates (and `date` itself) are the ones to look at.
 */
function mostEquityHeldFrom(state: BookState, companyId: string, date: BusinessDate): { held: Decimal; on: BusinessDate } {
  const dates = new Set([date]);
  for (const r of state.relationsByCustomer.get(companyId) ?? []) {
    if (r.relationType !== 'equity' || r.to !== companyId) continue;
    if (r.since > date) dates.add(r.since);
    if (r.until !== null && r.until > date) dates.add(r.until);
  }
  let most = { held: new Decimal(-1), on: date };
  for (const on of dates) {
    const held = equityHeldIn(state, companyId, on);
    if (held.gt(most.held)) most = { held, on };
  }
  return most;
}

/** Two relations overlap when one is still in force on the date the other starts. */
function overlaps(existing: Relation, date: BusinessDate): boolean {
  return existing.until === null || existing.until > date;
}

function validateRelation(command: RecordRelation, state: BookState, date: BusinessDate): Refusal | undefined {
  const { relationId, from, to, relationType, share } = command;
  if (!RELATION_TYPES.includes(relationType)) {
    return refuse('VALIDATION_FAILED', `type must be one of ${RELATION_TYPES.join(', ')}`, { type: String(relationType) });
  }
  if (state.relations.has(relationId)) return refuse('RELATION_EXISTS', `relation ${relationId} already exists`, { relationId });
  for (const id of [from, to]) {
    if (!state.customers.has(id)) return refuse('CUSTOMER_NOT_FOUND', `customer ${id} is not registered`, { customerId: id });
  }
  if (from === to) return refuse('SELF_RELATION', `a customer cannot be related to itself (${from})`, { customerId: from });
  if (relationType === 'equity') {
    if (share === undefined || !isRatioString(share) || new Decimal(share).lte(0)) {
      return refuse('INVALID_SHARE', 'an equity relation needs a share in (0, 1], as a decimal string such as "0.6"', { share: share ?? null });
    }
    // The new holding is in force from its date on, so it must fit beside the holdings of every later date too.
    const most = mostEquityHeldFrom(state, to, date);
    const total = most.held.plus(share);
    if (total.gt(1)) {
      return refuse('EQUITY_OVER_100', `recorded holdings in ${to} would total ${total.toString()} on ${most.on}, more than 100%`, {
        customerId: to,
        held: most.held.toString(),
        requested: share,
        on: most.on,
      });
    }
  } else if (share !== undefined) {
    return refuse('INVALID_SHARE', `a share applies only to equity relations, not to ${relationType}`, { share });
  }
  const fromKind = state.customers.get(from)!.kind;
  const toKind = state.customers.get(to)!.kind;
  if (relationType === 'family' && (fromKind !== 'individual' || toKind !== 'individual')) {
    return refuse('INVALID_RELATION', 'a family relation links two natural persons', { from, to, fromKind, toKind });
  }
  if (HOLDING.has(relationType) && toKind === 'individual') {
    return refuse('INVALID_RELATION', `a natural person cannot be the object of a ${relationType} relation`, { to, toKind });
  }
  for (const existing of state.relationsByCustomer.get(from) ?? []) {
    if (sameLink(existing, command) && overlaps(existing, date)) {
      return refuse('RELATION_EXISTS', `${from} -> ${to} (${relationType}) is already recorded as ${existing.relationId}`, {
        relationId: existing.relationId,
      });
    }
  }
  return undefined;
}

/** `sums`: the decision's group sums (caps/group-sums.ts), which its cap check reads again. */
export function decideRecordRelation(command: RecordRelation, state: BookState, date: BusinessDate, sums: GroupSums = new GroupSums()): RelationEvent[] | Refusal {
  const refusal =
    validateRelation(command, state, date) ??
    notYetInEffect('customer', command.from, state.customers.get(command.from)!.since, date) ??
    notYetInEffect('customer', command.to, state.customers.get(command.to)!.since, date);
  if (refusal) return refusal;
  const { relationId, from, to, relationType } = command;
  const recorded: RelationEvent = { type: 'RelationRecorded', data: { relationId, from, to, relationType, share: command.share ?? null } };
  // The endpoints' own id strings, not the command's copies: a group the link forms lists them, and evolve keys
  // its memberships by what a group change lists (relation.evolve.ts withOwnIds).
  const linked = [state.customers.get(from)!.customerId, state.customers.get(to)!.customerId] as const;
  return [recorded, ...regroup(state, evolveRelation(state, recorded, date), { linked, deemedGroup: relationType === 'deemed-group' }, date, sums)];
}

export function decideRemoveRelation(command: RemoveRelation, state: BookState, date: BusinessDate, sums: GroupSums = new GroupSums()): RelationEvent[] | Refusal {
  const relation = state.relations.get(command.relationId);
  if (!relation || relation.until !== null) {
    return refuse('RELATION_NOT_FOUND', `relation ${command.relationId} does not exist${relation ? ` (removed on ${relation.until})` : ''}`, { relationId: command.relationId });
  }
  const early = notYetInEffect('relation', relation.relationId, relation.since, date);
  if (early) return early;
  const { relationId, from, to, relationType } = relation;
  const removed: RelationEvent = { type: 'RelationRemoved', data: { relationId, from, to, relationType } };
  return [removed, ...regroup(state, evolveRelation(state, removed, date), { unlinked: [from, to] }, date, sums)];
}
