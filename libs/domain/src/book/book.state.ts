import { List, Map as IMap, Set as ISet } from 'immutable';
import { CustomerKind, RelationType } from '../groups/group-graph';
import { Fen } from '../shared/money';
import { PolicyChange } from '../shared/policy';
import { BusinessDate } from '../shared/business-date';
import { RiskClass } from '../limits/limit.events';
import { Product } from '../drawdowns/drawdown.events';
import { CapBasis } from '../caps/cap.events';

/**
 * The write model: the whole credit book, since group caps span customers and links reshape groups.
 * Collections are persistent (structurally shared) maps, so evolve() returns a new state in O(log n)
 * instead of copying a million-customer book per event.
 */
export interface Customer {
  customerId: string;
  name: string;
  kind: CustomerKind;
  creditCode: string | null;
  /** Business date the registration took effect: no back-dated command may act on it before then. */
  since: BusinessDate;
}

export interface Relation {
  relationId: string;
  from: string;
  to: string;
  relationType: RelationType;
  share: string | null;
  /** The endpoints' kinds, which never change: walking the graph then needs no customer lookups. */
  fromKind: CustomerKind;
  toKind: CustomerKind;
  since: BusinessDate;
}

export interface Group {
  groupId: string;
  name: string;
  members: ISet<string>;
}

export type LimitStatus = 'pending' | 'active' | 'rejected' | 'cancelled';

export interface PendingRenewal {
  amount: Fen;
  validTo: BusinessDate;
  requestedBy: string;
}

export interface Limit {
  limitId: string;
  customerId: string;
  amount: Fen;
  validFrom: BusinessDate;
  validTo: BusinessDate;
  riskClass: RiskClass;
  branch: string | null;
  status: LimitStatus;
  /** Who asked for the pending grant (null once decided or when granted at once). */
  requestedBy: string | null;
  pendingRenewal: PendingRenewal | null;
  /** Nominal outstanding of its drawdowns. */
  outstanding: Fen;
  /** Outstanding minus the margin the group guideline lets the bank deduct. */
  exposure: Fen;
  /** Business date the grant (or request) took effect. */
  since: BusinessDate;
}

export interface Drawdown {
  drawdownId: string;
  limitId: string;
  customerId: string;
  product: Product;
  amount: Fen;
  margin: Fen;
  outstanding: Fen;
  exposure: Fen;
  since: BusinessDate;
}

export interface CapitalDeclaration {
  asOf: BusinessDate;
  netCapital: Fen;
}

export interface OpenBreach {
  measure: Fen;
  cap: Fen;
}

export interface BookState {
  /** Sorted by asOf; the figure in force on a date is the last one declared on or before it. */
  capital: List<CapitalDeclaration>;
  /** Policy changes ordered by effective date; see policyOn(). */
  policyChanges: List<PolicyChange>;

  customers: IMap<string, Customer>;
  relations: IMap<string, Relation>;
  /** Every relation touching a customer, either direction: one lookup per customer when walking the graph. */
  relationsByCustomer: IMap<string, readonly Relation[]>;
  groupOf: IMap<string, string>;
  groups: IMap<string, Group>;
  /** Highest group sequence number issued, so fresh ids are deterministic on replay. */
  groupSeq: number;
  limits: IMap<string, Limit>;
  /** The same Limit objects as `limits`, by customer: summing a group costs one lookup per member. */
  limitsByCustomer: IMap<string, readonly Limit[]>;
  drawdowns: IMap<string, Drawdown>;
  /** Open breaches by subject key ("group:G000001" or "customer:C1") and basis. */
  breaches: IMap<string, IMap<CapBasis, OpenBreach>>;
  /** Business dates whose large-credit report has been filed. */
  filedReports: ISet<BusinessDate>;
}

export const initialBookState: BookState = {
  capital: List(),
  policyChanges: List(),
  customers: IMap(),
  relations: IMap(),
  relationsByCustomer: IMap(),
  groupOf: IMap(),
  groups: IMap(),
  groupSeq: 0,
  limits: IMap(),
  limitsByCustomer: IMap(),
  drawdowns: IMap(),
  breaches: IMap(),
  filedReports: ISet(),
};
