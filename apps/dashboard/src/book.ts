// The relation graph is not an HTTP list: it is rebuilt from the event log (risk role only), as of a date.
import { get, q } from './api';

export interface Relation { relationId: string; from: string; to: string; type: string; share?: string }
export interface LogEvent { position: string; type: string; data: any; metadata: any }

let cache: { key: string; events: Promise<LogEvent[]> } | null = null;

export function logUpTo(asOf: string): Promise<LogEvent[]> {
  if (cache?.key === asOf) return cache.events;
  const events = (async () => {
    const out: LogEvent[] = [];
    let after = '0';
    for (;;) {
      const page = await get(`/events${q({ after, limit: '500', asOf })}`);
      out.push(...page.items);
      if (!page.next || !page.items.length) return out;
      after = page.next;
    }
  })();
  cache = { key: asOf, events };
  events.catch(() => (cache = null));
  return events;
}

/** Relations in force after the log (recorded, not removed). */
export function relations(events: LogEvent[]): Relation[] {
  const live = new Map<string, Relation>();
  for (const e of events) {
    if (e.type === 'RelationRecorded') live.set(e.data.relationId, { relationId: e.data.relationId, from: e.data.from, to: e.data.to, type: e.data.relationType ?? e.data.type, share: e.data.share });
    if (e.type === 'RelationRemoved') live.delete(e.data.relationId);
  }
  return [...live.values()];
}

const GROUP_TYPES = ['GroupFormed', 'GroupsMerged', 'GroupSplit', 'GroupMemberJoined', 'GroupMemberLeft', 'GroupDissolved', 'CapBreached', 'CapBreachCured'];
/** What happened to a group: formed, merged (into it or absorbed), split, members, breached, cured. */
export function groupStory(events: LogEvent[], groupId: string): LogEvent[] {
  return events.filter((e) => GROUP_TYPES.includes(e.type) && (e.data.groupId === groupId || e.data.absorbedGroupIds?.includes(groupId) || e.data.newGroups?.some((g: any) => g.groupId === groupId)));
}
export const dateOf = (e: LogEvent): string => e.data.effectiveFrom ?? e.metadata?.effectiveDate ?? '';
