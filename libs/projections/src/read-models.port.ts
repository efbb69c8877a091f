/**
 * What the API's read endpoints ask of the read side. Money is a decimal string, ratios are decimal strings.
 * `asOf` (YYYY-MM-DD business date) answers as of that date; omitted = today (the reader's business date).
 * Implemented by libs/projections, fed only from the event store subscription.
 */
export interface LimitReadModel {
  limitId: string;
  customerId: string;
  amount: string;
  validFrom: string;
  validTo: string;
  riskClass: 'standard' | 'low-risk';
  branch: string | null;
  status: 'pending' | 'active' | 'rejected' | 'cancelled' | 'expired';
  /** Who asked for what awaits a decision (a pending grant, or a pending renewal); null when nothing does. */
  requestedBy: string | null;
  pendingRenewal: { amount: string; validTo: string; requestedBy: string } | null;
  outstanding: string;
  exposure: string;
  available: string;
  /** The group limit it is an allocation of, or null. */
  groupLimitId: string | null;
}

/**
 * What approving a limit's pending grant or renewal would make of its subject's comprehensive limit on the read's
 * date, against the cap (views/approval-outlook.view.ts). The subject is the customer's group, or the customer
 * when standalone (then `groupId` is null, else `customerId` is). Cap figures are null while no net capital is declared.
 */
export interface ApprovalOutlookReadModel {
  subjectType: 'group' | 'customer';
  groupId: string | null;
  customerId: string | null;
  comprehensiveLimit: string;
  comprehensiveLimitIfApproved: string;
  cap: string | null;
  capUtilizationIfApproved: string | null;
  overCapIfApproved: boolean | null;
}

/** A limit in a list: an approver's work queue shows what approving it would do (null when nothing awaits a decision). */
export interface LimitListItemReadModel extends LimitReadModel {
  ifApproved: ApprovalOutlookReadModel | null;
}

/** A group limit's terms as of the read's date (group unified credit). */
export interface GroupLimitSummary {
  groupLimitId: string;
  amount: string;
  validFrom: string;
  validTo: string;
  status: 'pending' | 'active' | 'rejected' | 'cancelled' | 'expired';
  pendingRenewal: { amount: string; validTo: string; requestedBy: string } | null;
}

export interface GroupLimitAllocationReadModel {
  limitId: string;
  customerId: string;
  amount: string;
  status: LimitReadModel['status'];
  outstanding: string;
  /** amount - outstanding, never below zero. */
  unused: string;
  /** false once its customer left the group limit's group: it then counts on its own, outside the group limit. */
  inGroupLimit: boolean;
}

/** GET /group-limits/{id}: the group limit, each allocation, and the allocated, used and unused amounts. */
export interface GroupLimitReadModel extends GroupLimitSummary {
  /** The group it belongs to on the date (the survivor after a merge). */
  groupId: string;
  requestedBy: string | null;
  allocations: GroupLimitAllocationReadModel[];
  /** Live allocations of the group's members. */
  allocated: string;
  /** amount - allocated: room still to allocate. */
  unallocated: string;
  /** What the allocations of the group's members have outstanding. */
  used: string;
  /** amount - used, never below zero. */
  unused: string;
}

/** A drawdown of a limit as of the read's date. */
export interface DrawdownReadModel {
  drawdownId: string;
  product: string;
  /** Nominal amount booked. */
  amount: string;
  /** What the booking left unexposed (its margin; all of it on a low-risk limit). */
  margin: string;
  outstanding: string;
  exposure: string;
  /** Business date it was booked. */
  bookedOn: string;
}

export interface LimitDetailReadModel extends LimitReadModel {
  drawdowns: DrawdownReadModel[];
}

/** A customer in a search result: who it is, where it belongs, and its headline figures. */
export type CustomerSummaryReadModel = Omit<CustomerReadModel, 'limits'>;

/** The policy in force on a date (domain.md; changed by PUT /policy). Ratios are decimal strings, money a decimal string. */
export interface PolicyReadModel {
  asOf: string;
  groupCapRatio: string;
  singleCustomerCapRatio: string;
  escalationThreshold: string;
  equityControlThreshold: string;
}

export interface NetCapitalDeclarationReadModel {
  /** The business date the figure applies from. */
  asOf: string;
  netCapital: string;
}

/** A declaration with its tier-1 net capital (一级资本净额), the base of the 2018 caps; null when it declared none. */
export interface Tier1DeclarationReadModel extends NetCapitalDeclarationReadModel {
  tier1NetCapital: string | null;
}

/**
 * The 2018 large-exposure regime's settings in force (domain.md section 8): the regimes whose caps refuse
 * commands, its ratios (decimal strings) and the credit conversion factor of each off-balance product.
 */
export interface LargeExposurePolicyReadModel {
  regimes: ('cbrc-2010' | 'nfra-2018')[];
  tier1SingleClientRatio: string;
  singleClientLoanRatio: string;
  tier1ConnectedGroupRatio: string;
  tier1InterbankRatio: string;
  largeExposureRatio: string;
  ccf: { product: string; factor: string }[];
}

export interface CapitalReadModel {
  asOf: string;
  /** The declaration in force on asOf (the last one dated on or before it), null while none is. */
  inForce: NetCapitalDeclarationReadModel | null;
  /** Every declaration recorded by then, by the date it applies from (a re-declaration of a date replaces it). */
  declarations: NetCapitalDeclarationReadModel[];
}

/** The capital read with each declaration's tier-1 net capital: what GET /capital answers. */
export interface CapitalWithTier1ReadModel extends CapitalReadModel {
  /**
   * Tier-1 net capital in force on asOf (that of the declaration in force), null while none is: then the 2018
   * measures are not checked (domain.md section 8).
   */
  tier1NetCapital: string | null;
  inForce: Tier1DeclarationReadModel | null;
  declarations: Tier1DeclarationReadModel[];
}

export const LIMIT_STATUSES = ['pending', 'active', 'rejected', 'cancelled', 'expired'] as const;

export interface GroupLimitQuery {
  /** `pending`: group limits and renewals awaiting a decision (in an approver's work queue); else the status on the date. */
  status?: GroupLimitSummary['status'];
  groupId?: string;
  cursor?: string;
  limit: number;
  asOf?: string;
}

export interface LimitQuery {
  /** `pending`: grants and renewals awaiting a decision (an approver's work queue); else the limit's status. */
  status?: LimitReadModel['status'];
  customerId?: string;
  cursor?: string;
  limit: number;
  asOf?: string;
}

export interface Paged<T> {
  items: T[];
  /** Cursor of the next page, null on the last. */
  next: string | null;
}

export interface CustomerReadModel {
  customerId: string;
  name: string;
  kind: string;
  creditCode: string | null;
  groupId: string | null;
  limits: LimitReadModel[];
  comprehensiveLimit: string;
  outstanding: string;
  exposure: string;
}

export interface GroupReadModel {
  groupId: string;
  name: string;
  members: string[];
  comprehensiveLimit: string;
  onBalance: string;
  offBalance: string;
  outstanding: string;
  exposure: string;
  /** groupCapRatio x net capital; null while no net capital is declared. */
  cap: string | null;
  headroom: string | null;
  /** max(comprehensiveLimit, exposure) / cap, 4 decimals. */
  capUtilization: string | null;
  /** comprehensiveLimit > cap or exposure > cap, both on the as-of date (the cap as of that date too): capUtilization above 1 before rounding. */
  inBreach: boolean;
  leadBranch: string | null;
  /** Its group limits on the date (group unified credit); they count in comprehensiveLimit in place of their allocations. */
  groupLimits: GroupLimitSummary[];
}

/**
 * A breach recorded by a CapBreached event and not cured by a later event, as of the read's date, that still
 * holds on that date (its measure over the cap in force then); the figures are those the event recorded.
 */
export interface BreachReadModel {
  /** cbrc-2010 (the group-client guideline, net capital) or nfra-2018 (the large-exposure rules, tier-1): domain.md section 8. */
  regime: 'cbrc-2010' | 'nfra-2018';
  groupId: string | null;
  /** The customer: a standalone one (cbrc-2010), or any client, grouped or not (nfra-2018). */
  customerId: string | null;
  /** nfra-2018: a connected group, named by its anchor (its smallest member id); null otherwise. */
  connectedGroupId: string | null;
  /** nfra-2018 connected group: its members when the breach was recorded; null otherwise. */
  members: string[] | null;
  /** cbrc-2010: limit or exposure; nfra-2018: tier1-single-client, single-client-loans, tier1-connected-group or tier1-interbank. */
  basis: 'limit' | 'exposure' | 'tier1-single-client' | 'single-client-loans' | 'tier1-connected-group' | 'tier1-interbank';
  measure: string;
  cap: string;
  /** Business date the breach began. */
  since: string;
}

export interface LogEntry {
  position: string;
  type: string;
  version: number;
  streamId: string;
  data: unknown;
  metadata: unknown;
}

/** The rows kept per date for the lists and the report (as-of/kept-dates.ts). */
export type KeptRows = 'groups' | 'report';

export interface ReadModels {
  /** Position of the last event applied, or null before any. */
  position(): bigint | null;
  /** Resolves true once `position` has been applied, false after `timeoutMs`. */
  waitFor(position: bigint, timeoutMs: number): Promise<boolean>;
  customer(customerId: string, asOf?: string): CustomerReadModel | undefined;
  group(groupId: string, asOf?: string): GroupReadModel | undefined;
  groups(options: { sort: 'capUtilization' | 'comprehensiveLimit' | 'exposure' | 'groupId'; limit: number; asOf?: string }): Promise<GroupReadModel[]>;
  /**
   * Resolves once the rows the groups list or the large-credit report as of `asOf` reads are kept, where a thread of
   * their own keeps them (book.projection.ts whenKept): awaited before such an ask, so that it does not compute them
   * on the thread every other request needs.
   */
  whenKept(rows: KeptRows, asOf?: string): Promise<void>;
  /** The groups list, one page at a time (cursor: `next` of the page before); InvalidCursorError for a bad cursor. */
  groupsPage(options: { sort: 'capUtilization' | 'comprehensiveLimit' | 'exposure' | 'groupId'; limit: number; asOf?: string; cursor?: string }): Promise<Paged<GroupReadModel>>;
  /** Limits by id, filtered by status and customer, a page at a time; InvalidCursorError for a bad cursor. */
  limits(query: LimitQuery): Promise<Paged<LimitListItemReadModel>>;
  limit(limitId: string, asOf?: string): LimitDetailReadModel | undefined;
  /** Customers by id whose id, name or credit code contains `q` (case-insensitive), a page at a time. */
  customers(query: { q?: string; cursor?: string; limit: number; asOf?: string }): Paged<CustomerSummaryReadModel>;
  policy(asOf?: string): PolicyReadModel & LargeExposurePolicyReadModel;
  capital(asOf?: string): CapitalWithTier1ReadModel;
  /**
   * Whether the customer (or, for a group, one of its members) has a grant or renewal awaiting a decision that
   * `userId` may take (one they did not request): what an approver may read (least exposure, domain.md section 7).
   */
  awaitsDecisionOf(subject: { customerId: string } | { groupId: string }, userId: string): boolean;
  breaches(asOf?: string): BreachReadModel[];
  /** A group limit as of the date; undefined before it was requested. */
  groupLimit(groupLimitId: string, asOf?: string): GroupLimitReadModel | undefined;
  /** Group limits by id, a page at a time; `status: 'pending'` is the group-limit part of an approver's work queue. */
  groupLimits(query: GroupLimitQuery): Paged<GroupLimitReadModel>;
  /**
   * Every event that touched the customer (its own, its limits', drawdowns', relations'), and every event about
   * a group (membership changes, breaches and cures) recorded while the customer belonged to it, in log order.
   */
  customerHistory(customerId: string): Promise<LogEntry[]>;
}

export const READ_MODELS = Symbol('READ_MODELS');

/** An ask that was still being answered when the read models stopped (a shutdown): to be retried on a running server. */
export class ReadSideStoppedError extends Error {
  constructor() {
    super('the read models stopped while this ask was being answered');
    this.name = 'ReadSideStoppedError';
  }
}
