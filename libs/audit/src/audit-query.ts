import type { AuditRecordData, AuditRecordLog, StoredAuditRecord } from '@groupcap/event-store';

/** Which records a risk officer asks for; every given criterion must hold. */
export interface AuditQuery {
  /** The acting user's id. */
  actor?: string;
  /** The id of the customer, group, limit... the record concerns. */
  subject?: string;
  /** Inclusive instant. */
  from?: Date;
  /** Exclusive instant. */
  to?: Date;
}

export function matchesAuditQuery(record: AuditRecordData, query: AuditQuery): boolean {
  if (query.actor !== undefined && record.actor?.userId !== query.actor) return false;
  if (query.subject !== undefined && record.subject?.id !== query.subject) return false;
  const at = Date.parse(record.at);
  if (query.from !== undefined && !(at >= query.from.getTime())) return false;
  if (query.to !== undefined && !(at < query.to.getTime())) return false;
  return true;
}

export interface AuditPage {
  items: StoredAuditRecord[];
  /** The sequence to continue after, or null when nothing more matches. */
  next: bigint | null;
}

/**
 * One page of matching records, oldest first, after `cursor`. Records are scanned in sequence order (the chain's
 * order); filters are applied while scanning.
 */
export async function auditPage(log: AuditRecordLog, query: AuditQuery, options: { cursor?: bigint; limit: number }): Promise<AuditPage> {
  const items: StoredAuditRecord[] = [];
  for await (const stored of log.read({ afterSequence: options.cursor })) {
    if (!matchesAuditQuery(stored.record, query)) continue;
    if (items.length === options.limit) return { items, next: items[items.length - 1].sequence };
    items.push(stored);
  }
  return { items, next: null };
}
