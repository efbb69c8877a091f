import type { Principal } from '../auth/principal';

/**
 * One audit record as a JSON line: what happened, when, who (user and roles), then the details.
 * Every audit line (api-read, report-read) starts with the same fields, so one query finds every read by a user.
 */
export function auditLine(event: string, principal: Principal | undefined, details: Record<string, unknown>, at: Date = new Date()): string {
  return JSON.stringify({ event, at: at.toISOString(), userId: principal?.userId ?? null, roles: principal?.roles ?? [], ...details });
}
