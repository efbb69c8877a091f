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
