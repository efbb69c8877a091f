import { principalFromClaims } from './principal';

describe('principal from token claims', () => {
  const exp = 2_000_000_000;

  it('takes sub as the user and the known roles', () => {
    expect(principalFromClaims({ sub: 'alice', roles: ['officer', 'risk'], exp })).toEqual({ userId: 'alice', roles: ['officer', 'risk'] });
  });

  it.each([
    ['no sub', { roles: ['officer'], exp }],
    ['an empty sub', { sub: '', roles: ['officer'], exp }],
    ['no roles', { sub: 'alice', exp }],
    ['roles not an array', { sub: 'alice', roles: 'officer', exp }],
    ['an unknown role', { sub: 'alice', roles: ['officer', 'root'], exp }],
    ['no expiry', { sub: 'alice', roles: ['officer'] }],
  ])('refuses a token with %s', (_, claims) => {
    expect(principalFromClaims(claims)).toBeUndefined();
  });
});
