import { JwtService } from '@nestjs/jwt';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli } from '../testing/test-shell';

describe('token', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'groupcap-token-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const verify = (token: string, secret: string) => new JwtService().verify<{ sub: string; roles: string[]; iat: number; exp: number }>(token, { secret, algorithms: ['HS256'] });

  it('prints only a token signed with AUTH_JWT_SECRET, carrying the user, the roles and the lifetime', async () => {
    const secret = 'a-secret-of-at-least-thirty-two-bytes!!';
    const { code, out, err } = await cli({ DATA_DIR: dir, AUTH_JWT_SECRET: secret }, 'token', '--sub', 'risk-1', '--roles', 'risk,regulator', '--ttl', '2h');
    expect([code, err]).toEqual([0, '']);
    expect(out).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = verify(out.trim(), secret);
    expect(claims).toMatchObject({ sub: 'risk-1', roles: ['risk', 'regulator'] });
    expect(claims.exp - claims.iat).toBe(7200);
  });

  it('uses (and if need be creates) the development secret in DATA_DIR, as the API does', async () => {
    const first = await cli({ DATA_DIR: dir }, 'token', '--sub', 'alice', '--roles', 'officer');
    const file = join(dir, 'jwt-secret');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const secret = readFileSync(file, 'utf8').trim();
    expect(verify(first.out.trim(), secret)).toMatchObject({ sub: 'alice', roles: ['officer'] });
    // Default lifetime: one hour.
    const { iat, exp } = verify(first.out.trim(), secret);
    expect(exp - iat).toBe(3600);
    const second = await cli({ DATA_DIR: dir }, 'token', '--sub', 'bob', '--roles', 'approver', '--ttl', '15m');
    expect(verify(second.out.trim(), secret).sub).toBe('bob');
  });

  it('refuses an unknown role, a bad lifetime, and production without a secret', async () => {
    expect((await cli({ DATA_DIR: dir }, 'token', '--sub', 'x', '--roles', 'officer,boss')).err).toContain('unknown role "boss"; roles: officer, approver, risk, regulator, admin.');
    expect((await cli({ DATA_DIR: dir }, 'token', '--sub', 'x', '--roles', 'officer', '--ttl', '1y')).code).toBe(2);
    const production = await cli({ DATA_DIR: dir, NODE_ENV: 'production' }, 'token', '--sub', 'x', '--roles', 'admin');
    expect(production.code).toBe(2);
    expect(production.err).toContain('AUTH_JWT_SECRET must be set when NODE_ENV=production');
    expect(production.out).toBe('');
  });
});
