import { RelationType } from '../groups/group-graph';

export const RELATION_TYPES: readonly RelationType[] = [
  'equity', 'voting', 'board', 'agreement', 'consolidation', 'family',
  'significant-influence', 'management', 'guarantee', 'deemed-group', 'economic-dependence',
];

export type RecordRelation = {
  type: 'RecordRelation';
  relationId: string;
  from: string;
  to: string;
  relationType: RelationType;
  /** Decimal string in (0, 1]; required for equity, refused otherwise. */
  share?: string;
};

export type RemoveRelation = { type: 'RemoveRelation'; relationId: string };
