import type { AuditRecordData } from '@groupcap/audit';
import type { Principal } from '../auth/principal';

/** The collections whose `/{id}` names a subject, and what to call it. */
const SUBJECT_TYPES = new Map<string, string>([
  ['customers', 'customer'],
  ['groups', 'group'],
  ['limits', 'limit'],
  ['group-limits', 'group-limit'],
  ['drawdowns', 'drawdown'],
  ['relations', 'relation'],
]);

const MAX_ACTION_LENGTH = 512;

export interface Exchange {
  method: string;
  /** Path and query as received. */
  url: string;
  body: unknown;
  principal: Principal | undefined;
  status: number;
  /** The problem's code when the answer was a problem. */
  code: string | undefined;
  correlationId: string;
  remoteAddress: string | undefined;
  at: Date;
}

/**
 * What a request and its answer leave in the access and refusal records, or nothing:
 * - 401, and 403 FORBIDDEN (the role or the scope does not allow the call): denied, whatever the method;
 * - a GET by an authenticated person answered below 500: a read (a 404 tells whether an id exists);
 * - any other method answered 4xx: a refused command (its accepted form is an event of the log itself).
 */
export function accessRecord(exchange: Exchange): AuditRecordData | undefined {
  const { method, status, principal } = exchange;
  let kind: AuditRecordData['kind'];
  if (status === 401 || (status === 403 && exchange.code === 'FORBIDDEN')) kind = 'denied';
  else if (method === 'GET' || method === 'HEAD') {
    if (principal === undefined || status >= 500) return undefined;
    kind = 'read';
  } else if (status >= 400 && status < 500) kind = 'refused';
  else return undefined;
  return {
    at: exchange.at.toISOString(),
    channel: 'http',
    kind,
    actor: principal ? { userId: principal.userId, roles: [...principal.roles] } : null,
    action: `${method} ${exchange.url}`.slice(0, MAX_ACTION_LENGTH),
    subject: subjectOf(method, exchange.url, exchange.body),
    correlationId: exchange.correlationId,
    outcome: { status, ...(exchange.code !== undefined && { code: exchange.code }) },
    ...(exchange.remoteAddress !== undefined && { remoteAddress: exchange.remoteAddress }),
  };
}

/** `/api/v1/customers/C1/history` -> customer C1; a new customer or limit names its customer in the body. */
export function subjectOf(method: string, url: string, body: unknown): AuditRecordData['subject'] {
  const path = url.split('?')[0];
  const [collection, id] = path.replace(/^\/api\/v1\//, '').split('/');
  const type = SUBJECT_TYPES.get(collection);
  if (type !== undefined && id !== undefined && id !== '') {
    try {
      return { type, id: decodeURIComponent(id) };
    } catch {
      return { type, id };
    }
  }
  const customerId = typeof body === 'object' && body !== null ? (body as { customerId?: unknown }).customerId : undefined;
  if (method === 'POST' && (collection === 'customers' || collection === 'limits') && typeof customerId === 'string') return { type: 'customer', id: customerId };
  return null;
}

/** The `code` of a problem+json answer, if the body is one. */
export function problemCodeOf(body: unknown): string | undefined {
  const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
  if (text === undefined || !text.startsWith('{')) return undefined;
  try {
    const code = (JSON.parse(text) as { code?: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
