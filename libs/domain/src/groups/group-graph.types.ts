/**
 * `sovereign`: the central government or the central bank (domain.md section 8): exempt from the 2018 caps, and,
 * like a state-asset regulator, never a member of a group client nor a link between its holdings.
 */
export type CustomerKind = 'enterprise' | 'financial-institution' | 'individual' | 'state-asset-regulator' | 'sovereign';

export type RelationType =
  | 'equity'
  | 'voting'
  | 'board'
  | 'agreement'
  | 'consolidation'
  | 'family'
  | 'significant-influence'
  | 'management'
  | 'guarantee'
  | 'deemed-group'
  /** Undirected: one's revenue, funding or repayment source depends on the other. Joins a 2018 connected group only. */
  | 'economic-dependence';

export interface RelationView {
  relationId: string;
  from: string;
  to: string;
  type: RelationType;
  /** Decimal string in (0, 1]; only meaningful for `equity`. */
  share?: string;
}

/** Read-only view of the write model's graph, implemented by graphOf() in book/book-graph.ts. */
export interface GraphView {
  kindOf(customerId: string): CustomerKind | undefined;
  nameOf(customerId: string): string;
  /** Every recorded relation touching the customer, in either direction (each relation once). */
  relationsOf(customerId: string): Iterable<RelationView>;
}

export interface GroupPart {
  /** Legal persons only, sorted. */
  members: string[];
  name: string;
}

/** Only legal persons are group members whose credit is aggregated (domain.md §1, Glossary). */
export function isLegalPerson(kind: CustomerKind | undefined): boolean {
  return kind === 'enterprise' || kind === 'financial-institution';
}

/**
 * A state-asset regulator's control never joins its subsidiaries (domain.md section 1, state-asset exception); the
 * same holds for the state itself (`sovereign`: the central government, the central bank), whose holdings are every
 * state company's. Neither is grouped nor walked through.
 */
export function joinsNoGroup(kind: CustomerKind | undefined): boolean {
  return kind === 'state-asset-regulator' || kind === 'sovereign';
}

/** How a relation type takes part in group identification (domain.md §1, relation table). */
export type RelationRole = 'control' | 'equity' | 'family' | 'deemed-group' | 'related-only';

export function roleOf(type: RelationType): RelationRole {
  switch (type) {
    case 'voting':
    case 'board':
    case 'agreement':
    case 'consolidation':
      return 'control';
    case 'equity':
      return 'equity';
    case 'family':
      return 'family';
    case 'deemed-group':
      return 'deemed-group';
    case 'significant-influence':
    case 'management':
    case 'guarantee':
    // Economic dependence joins clients into a connected group for the 2018 measure (large-exposures/), never into
    // a group client: for group identification it is a related-party tie like a guarantee.
    case 'economic-dependence':
      return 'related-only';
    default: {
      const unknown: never = type;
      throw new Error(`unknown relation type ${String(unknown)}`);
    }
  }
}
