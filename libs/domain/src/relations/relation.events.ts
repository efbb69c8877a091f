import { RelationType } from '../groups/group-graph';
import { GroupChange } from '../groups/group-changes';

export type RelationEvent =
  | { type: 'RelationRecorded'; data: { relationId: string; from: string; to: string; relationType: RelationType; share: string | null } }
  | { type: 'RelationRemoved'; data: { relationId: string; from: string; to: string; relationType: RelationType } }
  /** Membership changes caused by a relation or policy change (domain.md section 1, group identity). */
  | GroupChange;
