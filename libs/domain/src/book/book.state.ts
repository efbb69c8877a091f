import { List, Map as IMap, Set as ISet } from 'immutable';
import { CustomerKind, RelationType } from '../groups/group-graph';
import { Fen } from '../shared/money';
import { PolicyChange } from '../shared/policy';
import { BusinessDate } from '../shared/business-date';
import { RiskClass } from '../limits/limit.events';
import { Product } from '../drawdowns/drawdown.events';
import { CbrcBasis, LargeExposureBasis } from '../caps/cap.events';
import { GroupLimit } from '../group-limits/group-limit.state';
import { Drawdowns } from './drawdown-rows';
import { Customers } from './customer-rows';
import { RowMap } from './row-map';

/**
 * The write model: the whole credit book, since group caps span customers and links reshape groups.
 * Every collection is a value that a write returns anew without copying a million-customer book per event: rows
 * that only grow (customers, drawdowns), row maps for the indexes written most (row-map.ts), and persistent
 * (structurally shared) maps for the rest.
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
  /** The business date it was removed on: in force on [since, until). Removed relations stay, for earlier dates. */
  until: BusinessDate | null;
}

export interface Group {
  groupId: string;
  name: string;
  members: ISet<string>;
}

export type LimitStatus = 'pending' | 'active' | 'rejected' | 'cancelled';

/** A limit's terms as they stood from a business date on (one entry per grant, renewal, decision or cancel). */
export interface LimitVersion {
  from: BusinessDate;
  amount: Fen;
  validTo: BusinessDate;
  status: LimitStatus;
  requestedBy: string | null;
  pendingRenewal: PendingRenewal | null;
}

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
  /** Every version of the terms, in date order; the fields above are the last one's (the book today). */
  terms: readonly LimitVersion[];
  /** The group limit it is an allocation of (额度切分), or null for a limit granted outside any. */
  groupLimitId: string | null;
}

/** A repayment, dated: what a drawdown had outstanding on a date is its amount less those on or before it. */
export interface Repayment {
  on: BusinessDate;
  amount: Fen;
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
  /** What its booking left unexposed (margin; all of it for low-risk business): see exposureLeft(). */
  covered: Fen;
  since: BusinessDate;
  repayments: readonly Repayment[];
}

export interface CapitalDeclaration {
  asOf: BusinessDate;
  netCapital: Fen;
  /** Tier-1 net capital, the base of the 2018 caps; null: the 2018 regime is not measured while this is in force. */
  tier1NetCapital: Fen | null;
}

export interface OpenBreach {
  measure: Fen;
  cap: Fen;
}

/** A customer's group from a business date on (null: standalone), as the group events recorded it. */
export interface Membership {
  from: BusinessDate;
  groupId: string | null;
}

/** A breach opened (or closed) on one basis from a business date on. */
export interface BreachEntry<B extends string = CbrcBasis> {
  from: BusinessDate;
  basis: B;
  open: OpenBreach | null;
}

export interface BookState {
  /** Sorted by asOf; the figure in force on a date is the last one declared on or before it. */
  capital: List<CapitalDeclaration>;
  /** Policy changes ordered by effective date; see policyOn(). */
  policyChanges: List<PolicyChange>;

  /** Rows in columns, not a map of objects (customer-rows.ts): get() reads one as a Customer. */
  customers: Customers;
  /** One legal person, one customer (domain.md section 1): the customer holding each unified social credit code. */
  customerByCreditCode: RowMap<string>;
  relations: IMap<string, Relation>;
  /** Every relation touching a customer, either direction: one lookup per customer when walking the graph. */
  relationsByCustomer: IMap<string, readonly Relation[]>;
  /**
   * The economic-dependence relations among them, by customer (the same Relation objects): the 2018 connected-group
   * walk reads only these, and its memo of today's groups lasts until one of them changes, not any relation.
   */
  economicTies: IMap<string, readonly Relation[]>;
  /** The book today: each customer's group, and each group's members, as of the latest membership entries. */
  groupOf: RowMap<string>;
  groups: RowMap<Group>;
  /** Each customer's groups over time, in date order: the time axis of group identification. */
  memberships: RowMap<readonly Membership[]>;
  /** Each group's name, which travels with its id. */
  groupNames: RowMap<string>;
  /**
   * Everyone ever recorded in a group, in the order first recorded, each once: a superset of its members on any date.
   * Arrays rather than persistent sets: a list only grows, and only when a link moves customers into the group, while
   * a bank's book restores a hundred thousand of them on every start (four or more objects each as a set).
   */
  everInGroup: RowMap<readonly string[]>;
  /** Highest group sequence number issued, so fresh ids are deterministic on replay. */
  groupSeq: number;
  limits: RowMap<Limit>;
  /** The same Limit objects as `limits`, by customer: summing a group costs one lookup per member. */
  limitsByCustomer: RowMap<readonly Limit[]>;
  /** Rows in typed columns, not objects (drawdown-rows.ts): get() reads one as a Drawdown. */
  drawdowns: Drawdowns;
  /** Open breaches today by subject key ("group:G000001" or "customer:C1") and basis. */
  breaches: IMap<string, IMap<CbrcBasis, OpenBreach>>;
  /** Every breach and cure by subject key, in date order: the breach state on any date. */
  breachHistory: IMap<string, readonly BreachEntry[]>;
  /**
   * The 2018 regime's breaches (domain.md section 8), kept apart from the 2010 ones so that neither regime's breach
   * state can be read as the other's: by large-exposure subject key ("customer:C1" for every client, grouped or not;
   * "connected-group:C1" for a connected group anchored at C1) and basis.
   */
  largeExposureBreaches: IMap<string, IMap<LargeExposureBasis, OpenBreach>>;
  largeExposureBreachHistory: IMap<string, readonly BreachEntry<LargeExposureBasis>[]>;
  /** Every business date on which something took effect, ascending: the dates a back-dated command is checked on. */
  dates: readonly BusinessDate[];
  /** The dates on which grouping could change (relations recorded or removed, control threshold changed), ascending. */
  groupingDates: readonly BusinessDate[];
  /** Business dates whose large-credit report has been filed, and G14 filings as large-exposure:<date> (large-exposures/large-exposure.filing.ts). */
  filedReports: ISet<BusinessDate>;
  /** Group unified credit: every group limit by id (group-limits/). */
  groupLimits: IMap<string, GroupLimit>;
  /** Every group each group limit ever belonged to: a superset of a group's group limits on any date. */
  groupLimitsByGroup: IMap<string, ISet<string>>;
}

export const initialBookState: BookState = {
  capital: List(),
  policyChanges: List(),
  customers: Customers.none,
  customerByCreditCode: RowMap.empty(),
  relations: IMap(),
  relationsByCustomer: IMap(),
  economicTies: IMap(),
  groupOf: RowMap.empty(),
  groups: RowMap.empty(),
  memberships: RowMap.empty(),
  groupNames: RowMap.empty(),
  everInGroup: RowMap.empty(),
  groupSeq: 0,
  limits: RowMap.empty(),
  limitsByCustomer: RowMap.empty(),
  drawdowns: Drawdowns.none,
  breaches: IMap(),
  breachHistory: IMap(),
  largeExposureBreaches: IMap(),
  largeExposureBreachHistory: IMap(),
  dates: [],
  groupingDates: [],
  filedReports: ISet(),
  groupLimits: IMap(),
  groupLimitsByGroup: IMap(),
};
