import { isBusinessDate } from '@groupcap/domain';
import { SERVER_ROLES, ServerRole } from './server-role';

export interface ApiConfig {
  port: number;
  dataDir: string;
  /** Where this process keeps its read models; a reader beside a writer on one DATA_DIR needs its own. */
  readModelDir: string;
  /** Fixed "today" for tests and demos; otherwise today in China time. */
  businessDate: string | undefined;
  production: boolean;
  serverRole: ServerRole;
  jwtSecret: string | undefined;
  /** How long an Idempotency-Key's first answer is given again (api.md promises at least 7 days). */
  idempotencyRetentionDays: number;
}

/** api.md: a repeated Idempotency-Key gets its first answer for at least this long. */
const MIN_IDEMPOTENCY_RETENTION_DAYS = 7;

/** A setting the server cannot start with; main prints the message and exits. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function readApiConfig(env: NodeJS.ProcessEnv): ApiConfig {
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  const businessDate = nonEmpty(env.BUSINESS_DATE);
  if (businessDate !== undefined && !isBusinessDate(businessDate)) {
    throw new ConfigError(`BUSINESS_DATE must be a calendar date YYYY-MM-DD, got "${businessDate}"`);
  }
  const serverRole = (nonEmpty(env.SERVER_ROLE) ?? 'all') as ServerRole;
  if (!SERVER_ROLES.includes(serverRole)) throw new ConfigError(`SERVER_ROLE must be one of ${SERVER_ROLES.join(', ')}, got "${serverRole}"`);
  const retention = nonEmpty(env.IDEMPOTENCY_RETENTION_DAYS);
  const idempotencyRetentionDays = retention === undefined ? MIN_IDEMPOTENCY_RETENTION_DAYS : Number(retention);
  if (!Number.isFinite(idempotencyRetentionDays) || idempotencyRetentionDays < MIN_IDEMPOTENCY_RETENTION_DAYS) {
    throw new ConfigError(`IDEMPOTENCY_RETENTION_DAYS must be a number of days, at least ${MIN_IDEMPOTENCY_RETENTION_DAYS}, got "${retention}"`);
  }
  return {
    port,
    dataDir: nonEmpty(env.DATA_DIR) ?? './data',
    readModelDir: nonEmpty(env.READ_MODEL_DIR) ?? nonEmpty(env.DATA_DIR) ?? './data',
    businessDate,
    production: env.NODE_ENV === 'production',
    serverRole,
    jwtSecret: nonEmpty(env.AUTH_JWT_SECRET),
    idempotencyRetentionDays,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
