import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ProblemException } from '../problems/problem-details';
import { mintAccessToken } from './access-token';
import { AccessTokenVerifier } from './access-token-verifier';
import { hs256Key } from './hs256-key';

const SECRET = 'unit-test-secret-0123456789abcdef';
const jwt = new JwtService({ secret: hs256Key(SECRET), verifyOptions: { algorithms: ['HS256'] } });

/** A token signed by hand, so the header (crit) and every claim are exactly what the test says. */
function signed(header: Record<string, unknown>, claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT', ...header })}.${part(claims)}`;
  return `${body}.${createHmac('sha256', SECRET).update(body).digest('base64url')}`;
}

async function refusal(verifier: AccessTokenVerifier, token: string): Promise<ProblemException> {
  try {
    await verifier.verify(`Bearer ${token}`);
  } catch (error) {
    return error as ProblemException;
  }
  throw new Error('expected a refusal');
}

describe('AccessTokenVerifier', () => {
  // jsonwebtoken checks exp against the real clock: the tokens below expire well after today.
  const realNow = Math.floor(Date.now() / 1000);
  const claims = { sub: 'alice', roles: ['officer'] };
  const policy = { maxTtlSeconds: 3600 };
  const verifier = new AccessTokenVerifier(jwt, policy, () => realNow * 1000);

  it('accepts a token within the policy', async () => {
    await expect(verifier.verify(`Bearer ${signed({}, { ...claims, iat: realNow, exp: realNow + 3600 })}`)).resolves.toEqual({ userId: 'alice', roles: ['officer'] });
  });

  it('refuses a token that lives longer than the policy, from iat to exp', async () => {
    const problem = await refusal(verifier, signed({}, { ...claims, iat: realNow, exp: realNow + 3601 }));
    expect([problem.code, problem.status]).toEqual(['UNAUTHENTICATED', 401]);
    expect(problem.detail).toMatch(/lives longer than this server allows \(3600 s/);
  });

  it('measures from now when iat is missing, or back-dated so the token looks young', async () => {
    expect((await refusal(verifier, signed({}, { ...claims, exp: realNow + 7200 }))).code).toBe('UNAUTHENTICATED');
    expect((await refusal(verifier, signed({}, { ...claims, iat: realNow + 5000, exp: realNow + 7200 }))).code).toBe('UNAUTHENTICATED');
    await expect(verifier.verify(`Bearer ${signed({}, { ...claims, exp: realNow + 600 })}`)).resolves.toMatchObject({ userId: 'alice' });
  });

  it('refuses a token without exp (it would never expire)', async () => {
    expect((await refusal(verifier, signed({}, { ...claims, iat: realNow }))).code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token whose header lists critical extensions, even correctly signed', async () => {
    const problem = await refusal(verifier, signed({ crit: ['b64'], b64: true }, { ...claims, iat: realNow, exp: realNow + 60 }));
    expect(problem.code).toBe('UNAUTHENTICATED');
    expect(problem.detail).toMatch(/crit/);
    expect((await refusal(verifier, signed({ crit: [] }, { ...claims, iat: realNow, exp: realNow + 60 }))).code).toBe('UNAUTHENTICATED');
  });

  it('checks iss and aud only when configured', async () => {
    const strict = new AccessTokenVerifier(jwt, { maxTtlSeconds: 3600, issuer: 'https://sso.bank.example', audience: 'groupcap' });
    const good = mintAccessToken(SECRET, 'alice', ['officer'], 60, { issuer: 'https://sso.bank.example', audience: 'groupcap' });
    await expect(strict.verify(`Bearer ${good}`)).resolves.toMatchObject({ userId: 'alice' });
    const plain = mintAccessToken(SECRET, 'alice', ['officer'], 60);
    expect((await refusal(strict, plain)).detail).toMatch(/issuer|audience/);
    expect((await refusal(strict, mintAccessToken(SECRET, 'alice', ['officer'], 60, { issuer: 'https://other.example', audience: 'groupcap' }))).detail).toMatch(/issuer/);
    expect((await refusal(strict, mintAccessToken(SECRET, 'alice', ['officer'], 60, { issuer: 'https://sso.bank.example', audience: 'another-app' }))).detail).toMatch(/audience/);
    // Without iss/aud configured, a token carrying them is accepted as any other.
    await expect(verifier.verify(`Bearer ${good}`)).resolves.toMatchObject({ userId: 'alice' });
  });

  describe('a token used again', () => {
    afterEach(() => jest.restoreAllMocks());

    it('is refused once it has expired, though it was accepted before', async () => {
      const token = signed({}, { ...claims, iat: realNow, exp: realNow + 60 });
      const fresh = new AccessTokenVerifier(jwt, policy, () => realNow * 1000);
      await expect(fresh.verify(`Bearer ${token}`)).resolves.toEqual({ userId: 'alice', roles: ['officer'] });
      await expect(fresh.verify(`Bearer ${token}`)).resolves.toEqual({ userId: 'alice', roles: ['officer'] });
      // jsonwebtoken reads Date.now: at exp the token is expired.
      jest.spyOn(Date, 'now').mockReturnValue((realNow + 60) * 1000);
      const problem = await refusal(fresh, token);
      expect([problem.code, problem.detail]).toEqual(['UNAUTHENTICATED', expect.stringMatching(/expired/)]);
    });

    it('is refused before its nbf, though the same text was accepted later on', async () => {
      const token = signed({}, { ...claims, iat: realNow - 10, nbf: realNow, exp: realNow + 60 });
      const fresh = new AccessTokenVerifier(jwt, policy, () => realNow * 1000);
      await expect(fresh.verify(`Bearer ${token}`)).resolves.toMatchObject({ userId: 'alice' });
      jest.spyOn(Date, 'now').mockReturnValue((realNow - 5) * 1000);
      expect((await refusal(fresh, token)).code).toBe('UNAUTHENTICATED');
    });

    it('without iat, is measured from now at each use: accepted at first, refused when now puts exp too far', async () => {
      let now = realNow * 1000;
      const fresh = new AccessTokenVerifier(jwt, policy, () => now);
      const token = signed({}, { ...claims, exp: realNow + 600 });
      await expect(fresh.verify(`Bearer ${token}`)).resolves.toMatchObject({ userId: 'alice' });
      now = (realNow - 3100) * 1000; // exp is now 3,700 s away: more than the policy's 3,600
      expect((await refusal(fresh, token)).detail).toMatch(/lives longer than this server allows/);
    });

    it('with the same claims but a signature of another secret, is refused after the genuine one was accepted', async () => {
      const fresh = new AccessTokenVerifier(jwt, policy, () => realNow * 1000);
      const genuine = signed({}, { ...claims, iat: realNow, exp: realNow + 60 });
      await expect(fresh.verify(`Bearer ${genuine}`)).resolves.toMatchObject({ userId: 'alice' });
      const [header, payload] = genuine.split('.');
      const forged = `${header}.${payload}.${createHmac('sha256', 'another-secret-0123456789abcdef').update(`${header}.${payload}`).digest('base64url')}`;
      expect((await refusal(fresh, forged)).code).toBe('UNAUTHENTICATED');
    });
  });

  it('keeps refusing what it refused before: no header, garbage, another secret', async () => {
    await expect(verifier.verify(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((await refusal(verifier, 'not.a.jwt')).code).toBe('UNAUTHENTICATED');
    expect((await refusal(verifier, mintAccessToken('another-secret-0123456789abcdef', 'alice', ['officer'], 60))).code).toBe('UNAUTHENTICATED');
  });
});
