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
    expect(resolveJwtSecret({ jwtSecret: 'from-env-0123456789abcdef0123456789', production: true, dataDir: dir })).toEqual({ secret: 'from-env-0123456789abcdef0123456789', source: 'env' });
  });

  it('refuses in production a secret under 32 bytes (UTF-8), and accepts 32', () => {
    const short = 'x'.repeat(31);
    expect(() => resolveJwtSecret({ jwtSecret: short, production: true, dataDir: dir })).toThrow(/AUTH_JWT_SECRET must be at least 32 bytes/);
    // 11 three-byte characters: 11 characters, 33 bytes.
    expect(resolveJwtSecret({ jwtSecret: '密'.repeat(11), production: true, dataDir: dir }).source).toBe('env');
    expect(resolveJwtSecret({ jwtSecret: 'x'.repeat(32), production: true, dataDir: dir }).source).toBe('env');
    // Development keeps accepting what it accepted.
    expect(resolveJwtSecret({ jwtSecret: 's', production: false, dataDir: dir }).source).toBe('env');
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
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, 'utf8').trim()).toBe(first.secret);

    const second = resolveJwtSecret({ jwtSecret: undefined, production: false, dataDir });
    expect(second).toEqual({ secret: first.secret, source: 'file', file, created: false });
  });
});
