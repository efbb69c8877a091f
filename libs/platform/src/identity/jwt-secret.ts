import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDirectory } from '@groupcap/event-store';
import { ConfigError, PlatformConfig } from '../config/platform-config';

export const JWT_SECRET_FILE = 'jwt-secret';
/** The shortest AUTH_JWT_SECRET production accepts, in UTF-8 bytes. */
export const MIN_SECRET_BYTES = 32;

export type JwtSecretSource =
  | { secret: string; source: 'env' }
  /** Development only: kept in DATA_DIR so tokens survive a restart. */
  | { secret: string; source: 'file'; file: string; created: boolean };

/**
 * AUTH_JWT_SECRET when set. Otherwise, outside production, a random secret generated once and kept
 * in DATA_DIR/jwt-secret (mode 0600, DATA_DIR 0700); in production a missing or short secret stops the server.
 */
export function resolveJwtSecret(config: Pick<PlatformConfig, 'jwtSecret' | 'production' | 'dataDir'>): JwtSecretSource {
  if (config.jwtSecret !== undefined) {
    // RFC 7518 section 3.2: an HS256 key must be at least as long as the hash, 256 bits.
    if (config.production && Buffer.byteLength(config.jwtSecret, 'utf8') < MIN_SECRET_BYTES) {
      throw new ConfigError(`AUTH_JWT_SECRET must be at least ${MIN_SECRET_BYTES} bytes when NODE_ENV=production (an HS256 key is 256 bits), got ${Buffer.byteLength(config.jwtSecret, 'utf8')}`);
    }
    return { secret: config.jwtSecret, source: 'env' };
  }
  if (config.production) {
    throw new ConfigError('AUTH_JWT_SECRET must be set when NODE_ENV=production (an HS256 secret of at least 32 random bytes)');
  }
  const file = join(config.dataDir, JWT_SECRET_FILE);
  const existing = readSecret(file);
  if (existing !== undefined) return { secret: existing, source: 'file', file, created: false };
  privateDirectory(config.dataDir);
  const secret = randomBytes(32).toString('base64url');
  try {
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    // Another process created it between our read and write: use theirs.
    const raced = readSecret(file);
    if (raced !== undefined) return { secret: raced, source: 'file', file, created: false };
    throw error;
  }
  return { secret, source: 'file', file, created: true };
}

function readSecret(file: string): string | undefined {
  try {
    const text = readFileSync(file, 'utf8').trim();
    return text === '' ? undefined : text;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
