import { isBusinessDate } from '@groupcap/domain';

/** A setting a process cannot start with; entry points print the message and exit non-zero. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * The settings the API and the CLI read alike (same names, same defaults): where the data lives, which day is
 * "today", whether this is production, and the HS256 secret identities are signed with.
 */
export interface PlatformConfig {
  dataDir: string;
  /** Where this machine's read models live (READ_MODEL_DIR, default DATA_DIR). */
  readModelDir: string;
  /** Fixed "today" for tests and demos (BUSINESS_DATE); otherwise today in China time. */
  businessDate: string | undefined;
  production: boolean;
  jwtSecret: string | undefined;
}

export function readPlatformConfig(env: NodeJS.ProcessEnv): PlatformConfig {
  const businessDate = nonEmpty(env.BUSINESS_DATE);
  if (businessDate !== undefined && !isBusinessDate(businessDate)) {
    throw new ConfigError(`BUSINESS_DATE must be a calendar date YYYY-MM-DD, got "${businessDate}"`);
  }
  const dataDir = nonEmpty(env.DATA_DIR) ?? './data';
  return {
    dataDir,
    readModelDir: nonEmpty(env.READ_MODEL_DIR) ?? dataDir,
    businessDate,
    production: env.NODE_ENV === 'production',
    jwtSecret: nonEmpty(env.AUTH_JWT_SECRET),
  };
}

/** An environment value with its surrounding blanks removed; blank counts as unset. */
export function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * A whole-number setting from `min` to `max`: `fallback` when unset, else refused with a ConfigError naming the
 * variable, its bounds and what it got.
 */
export function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const text = nonEmpty(env[name]);
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value) || value < min || value > max) {
    const bounds = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `from ${min} to ${max}`;
    throw new ConfigError(`${name} must be a whole number, ${bounds}, got "${text}"`);
  }
  return value;
}
