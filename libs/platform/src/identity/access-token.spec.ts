import { JwtService } from '@nestjs/jwt';
import { InvalidAccessTokenError, mintAccessToken, verifyAccessToken } from './access-token';

const SECRET = 'platform-test-secret-0123456789abcdef';

describe('access tokens', () => {
  it('verifies a minted token back to its principal', () => {
    expect(verifyAccessToken(SECRET, mintAccessToken(SECRET, 'rita', ['risk'], 60))).toEqual({ userId: 'rita', roles: ['risk'] });
  });

  it.each([
    ['another secret', () => mintAccessToken('another-secret-0123456789abcdef012', 'rita', ['risk'], 60)],
    ['an expired token', () => new JwtService().sign({ sub: 'rita', roles: ['risk'], exp: Math.floor(Date.now() / 1000) - 10 }, { secret: SECRET })],
    ['HS512', () => new JwtService().sign({ sub: 'rita', roles: ['risk'] }, { secret: SECRET, algorithm: 'HS512', expiresIn: 60 })],
    ['an unknown role', () => new JwtService().sign({ sub: 'rita', roles: ['root'] }, { secret: SECRET, expiresIn: 60 })],
    ['garbage', () => 'not.a.token'],
  ])('refuses %s', (_, token) => {
    expect(() => verifyAccessToken(SECRET, token())).toThrow(InvalidAccessTokenError);
  });
});

describe('access tokens under the API token policy (the CLI checks --token with it too)', () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);

  it('refuses a token living longer than the policy allows, and accepts one within it', () => {
    const long = mintAccessToken(SECRET, 'rita', ['risk'], 13 * 3600);
    expect(() => verifyAccessToken(SECRET, long)).toThrow(/lives longer than this server allows \(43200 s/);
    expect(verifyAccessToken(SECRET, long, { maxTtlSeconds: 14 * 3600 }).userId).toBe('rita');
    expect(() => verifyAccessToken(SECRET, mintAccessToken(SECRET, 'rita', ['risk'], 120), { maxTtlSeconds: 60 })).toThrow(InvalidAccessTokenError);
  });

  it('checks iss and aud when the policy names them', () => {
    const policy = { maxTtlSeconds: 3600, issuer: 'groupcap', audience: 'groupcap-api' };
    const good = mintAccessToken(SECRET, 'rita', ['risk'], 60, { issuer: 'groupcap', audience: 'groupcap-api' });
    expect(verifyAccessToken(SECRET, good, policy).userId).toBe('rita');
    expect(() => verifyAccessToken(SECRET, mintAccessToken(SECRET, 'rita', ['risk'], 60), policy)).toThrow(/not valid/);
    expect(() => verifyAccessToken(SECRET, mintAccessToken(SECRET, 'rita', ['risk'], 60, { issuer: 'other', audience: 'groupcap-api' }), policy)).toThrow(/issuer/);
  });

  it('refuses a header with crit, even correctly signed', () => {
    const { createHmac } = jest.requireActual<typeof import('node:crypto')>('node:crypto');
    const head = `${b64({ alg: 'HS256', typ: 'JWT', crit: ['b64'], b64: true })}.${b64({ sub: 'rita', roles: ['risk'], iat: now, exp: now + 60 })}`;
    const token = `${head}.${createHmac('sha256', SECRET).update(head).digest('base64url')}`;
    expect(() => verifyAccessToken(SECRET, token)).toThrow(/crit/);
  });
});
