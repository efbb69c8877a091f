import { TokenPolicy, nonEmpty, readTokenPolicy, wholeNumber } from '@groupcap/platform';
import { ConfigError } from './api-config';

/** The token policy lives in libs/platform: the CLI's --token is checked by the same rules. */
export { DEFAULT_TOKEN_MAX_TTL_SECONDS } from '@groupcap/platform';
export type { TokenPolicy } from '@groupcap/platform';

/** Who may open /docs (Swagger UI, /docs-json) or /metrics: anyone, any valid bearer token, or nobody (404). */
export type Exposure = 'public' | 'auth' | 'off';
const EXPOSURES: readonly Exposure[] = ['public', 'auth', 'off'];

export interface RateLimit {
  /** Requests one user (or, on public endpoints, one address) may make per window. */
  limit: number;
  windowSeconds: number;
}

/** The HTTP shell's protections; every one has an environment variable (README, docs/operations.md). */
export interface HardeningConfig {
  /** Interface to bind to; undefined: every interface (Node's default). */
  host: string | undefined;
  /** undefined: no rate limit (RATE_LIMIT=0). */
  rateLimit: RateLimit | undefined;
  /** A client must send all request headers within this (slowloris). */
  headersTimeoutMs: number;
  /** A client must send the whole request, headers and body, within this. */
  requestTimeoutMs: number;
  docs: Exposure;
  metrics: Exposure;
  token: TokenPolicy;
  logLevel: string;
}

/** Production: 20 requests a second per user, sustained over a minute. Elsewhere high enough never to get in a test's way. */
const DEFAULT_RATE_LIMIT = { production: 1200, other: 1_000_000 };
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/**
 * Reads the hardening settings. Production defaults are the safe ones (docs off, metrics behind a token, a
 * per-user rate limit); development and test keep everything open and the limit out of reach.
 */
export function readHardeningConfig(env: NodeJS.ProcessEnv): HardeningConfig {
  const production = env.NODE_ENV === 'production';
  const limit = wholeNumber(env, 'RATE_LIMIT', production ? DEFAULT_RATE_LIMIT.production : DEFAULT_RATE_LIMIT.other, 0);
  const windowSeconds = wholeNumber(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1);
  const headersTimeoutMs = wholeNumber(env, 'HTTP_HEADERS_TIMEOUT_MS', 10_000, 1);
  const requestTimeoutMs = wholeNumber(env, 'HTTP_REQUEST_TIMEOUT_MS', 30_000, 1);
  if (requestTimeoutMs < headersTimeoutMs) {
    throw new ConfigError(`HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs}) must be at least HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs})`);
  }
  const logLevel = nonEmpty(env.LOG_LEVEL) ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  return {
    host: nonEmpty(env.HOST),
    rateLimit: limit === 0 ? undefined : { limit, windowSeconds },
    headersTimeoutMs,
    requestTimeoutMs,
    docs: exposure(env, 'DOCS', production ? 'off' : 'public'),
    metrics: exposure(env, 'METRICS', production ? 'auth' : 'public'),
    token: readTokenPolicy(env),
    logLevel,
  };
}

/** Development and test: no limit in the way, docs and metrics open, the default token lifetime. */
export const OPEN_HARDENING: HardeningConfig = readHardeningConfig({});

function exposure(env: NodeJS.ProcessEnv, name: string, fallback: Exposure): Exposure {
  const value = (nonEmpty(env[name]) ?? fallback) as Exposure;
  if (!EXPOSURES.includes(value)) throw new ConfigError(`${name} must be one of ${EXPOSURES.join(', ')}, got "${value}"`);
  return value;
}
