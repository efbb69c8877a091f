import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../config/platform-config';
import { resolveJwtSecret } from './jwt-secret';

describe('JWT secret', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'groupcap-api-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('uses AUTH_JWT_SECRET when set, in any environment', () => {
    expect(resolveJwtSecret({ jwtSecret: 'from-env', production: true, dataDir: dir })).toEqual({ secret: 'from-env', source: 'env' });
  });

  it('refuses to start in production without a secret', () => {
    expect(() => resolveJwtSecret({ jwtSecret: undefined, production: true, dataDir: dir })).toThrow(ConfigError);
    expect(() => resolveJwtSecret({ jwtSecret: undefined, production: true, dataDir: dir })).toThrow(/AUTH_JWT_SECRET must be set/);
  });

  it('in development generates a secret once, readable by the owner only, and reuses it', () => {
    const dataDir = join(dir, 'nested', 'data');
    const first = resolveJwtSecret({ jwtSecret: undefined, production: false, dataDir });
    const file = join(dataDir, 'jwt-secret');
    expect(first).toEqual({ secret: expect.any(String), source: 'file', file, created: true });
    expect(first.secret.length).toBeGreaterThanOrEqual(43);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secret);

    const second = resolveJwtSecret({ jwtSecret: undefined, production: false, dataDir });
    expect(second).toEqual({ secret: first.secret, source: 'file', file, created: false });
  });
});
