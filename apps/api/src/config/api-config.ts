import { ConfigError, nonEmpty, readPlatformConfig, wholeNumber } from '@groupcap/platform';
import { SERVER_ROLES, ServerRole } from './server-role';

export { ConfigError } from '@groupcap/platform';

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
  /**
   * Where the read side applies the log's events: `worker` (a thread of its own with its own connections, so the
   * writer's thread only decides, appends and answers) or `inline` (on the main thread, between commands).
   * SQLite only: on EventStoreDB they are applied inline. docs/operations.md.
   */
  projectionThread: ProjectionThread;
  /**
   * Where the writer decides and appends: `inline` (on the main thread) or `worker` (a thread of its own with its own
   * connection to the log: the write model's heap and its collections stay off the thread that answers HTTP, at the
   * cost of a copy of every command and answer). SQLite only: on EventStoreDB it writes inline. docs/operations.md.
   */
  writerThread: WriterThread;
  /**
   * With the projection on its thread: whether a third thread keeps the business date's groups list and report
   * (KEEPING_THREAD, `on` or `off`). Off, the first ask of a day, or after a link, measures the whole book on the
   * main thread. docs/operations.md, Lists on a large book.
   */
  keepingThread: boolean;
  /**
   * How far past what the last full collection kept V8 lets the heap grow before collecting it whole again, in
   * percent; 0 leaves it to V8, which lets a heap this size grow to 4 times. docs/operations.md, Memory.
   */
  heapGrowingPercent: number;
}

export const PROJECTION_THREADS = ['worker', 'inline'] as const;
export type ProjectionThread = (typeof PROJECTION_THREADS)[number];
export const WRITER_THREADS = ['inline', 'worker'] as const;
export type WriterThread = (typeof WRITER_THREADS)[number];

/**
 * The server's old generation may grow by half of what a full collection kept before the next: its RSS then follows
 * the book rather than V8's reserve (the soak, docs/reliability.md). 300 is V8's own ceiling (a factor of 4).
 */
const DEFAULT_HEAP_GROWING_PERCENT = 50;
const MAX_HEAP_GROWING_PERCENT = 300;

/** api.md: a repeated Idempotency-Key gets its first answer for at least this long. */
const MIN_IDEMPOTENCY_RETENTION_DAYS = 7;

export function readApiConfig(env: NodeJS.ProcessEnv): ApiConfig {
  const port = Number(env.PORT ?? '3000');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConfigError(`PORT must be a port number, got "${env.PORT}"`);
  // DATA_DIR, READ_MODEL_DIR, BUSINESS_DATE, NODE_ENV, AUTH_JWT_SECRET: read as the CLI reads them.
  const shared = readPlatformConfig(env);
  const serverRole = (nonEmpty(env.SERVER_ROLE) ?? 'all') as ServerRole;
  if (!SERVER_ROLES.includes(serverRole)) throw new ConfigError(`SERVER_ROLE must be one of ${SERVER_ROLES.join(', ')}, got "${serverRole}"`);
  const retention = nonEmpty(env.IDEMPOTENCY_RETENTION_DAYS);
  const idempotencyRetentionDays = retention === undefined ? MIN_IDEMPOTENCY_RETENTION_DAYS : Number(retention);
  if (!Number.isFinite(idempotencyRetentionDays) || idempotencyRetentionDays < MIN_IDEMPOTENCY_RETENTION_DAYS) {
    throw new ConfigError(`IDEMPOTENCY_RETENTION_DAYS must be a number of days, at least ${MIN_IDEMPOTENCY_RETENTION_DAYS}, got "${retention}"`);
  }
  const projectionThread = (nonEmpty(env.PROJECTION_THREAD) ?? 'worker') as ProjectionThread;
  if (!PROJECTION_THREADS.includes(projectionThread)) throw new ConfigError(`PROJECTION_THREAD must be one of ${PROJECTION_THREADS.join(', ')}, got "${projectionThread}"`);
  const writerThread = (nonEmpty(env.WRITER_THREAD) ?? 'inline') as WriterThread;
  if (!WRITER_THREADS.includes(writerThread)) throw new ConfigError(`WRITER_THREAD must be one of ${WRITER_THREADS.join(', ')}, got "${writerThread}"`);
  const keeping = nonEmpty(env.KEEPING_THREAD) ?? 'on';
  if (keeping !== 'on' && keeping !== 'off') throw new ConfigError(`KEEPING_THREAD must be on or off, got "${keeping}"`);
  // 0: V8's own rule.
  const heapGrowingPercent = wholeNumber(env, 'HEAP_GROWING_PERCENT', DEFAULT_HEAP_GROWING_PERCENT, 0, MAX_HEAP_GROWING_PERCENT);
  return {
    port,
    dataDir: shared.dataDir,
    readModelDir: shared.readModelDir,
    businessDate: shared.businessDate,
    production: shared.production,
    serverRole,
    jwtSecret: shared.jwtSecret,
    idempotencyRetentionDays,
    projectionThread,
    writerThread,
    keepingThread: keeping === 'on',
    heapGrowingPercent,
  };
}
