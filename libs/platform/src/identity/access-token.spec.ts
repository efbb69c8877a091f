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
