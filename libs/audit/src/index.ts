/**
 * Access and refusal records (domain.md section 7): writing them in batches, querying them. They are kept by the
 * event store beside the log (libs/event-store `auditRecords`), chained by hash; they are not events.
 */
export * from './audit-recorder';
export * from './audit-query';
export type { AuditRecordData, AuditRecordLog, StoredAuditRecord } from '@groupcap/event-store';
