import { JwtService } from '@nestjs/jwt';
import { DEFAULT_TOKEN_POLICY, InvalidAccessTokenError, TokenPolicy, checkAccessToken } from '@groupcap/platform';
import { ProblemException } from '../problems/problem-details';
import { Principal } from './principal';

export { DEFAULT_TOKEN_POLICY } from '@groupcap/platform';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export const TOKEN_POLICY = Symbol('TOKEN_POLICY');

/** How many verified tokens a verifier keeps (the oldest is dropped first): a client sends the same token until it expires. */
const VERIFIED_TOKENS_KEPT = 1_000;

/** A token that passed the whole check: who it names, and the claims that are checked again against the clock at each use. */
interface VerifiedToken {
  principal: Principal;
  exp: number;
  nbf: number | undefined;
  /** Its lifetime (exp - iat) was within the policy; it stays so while iat is not after the policy's now. */
  iat: number;
}

/**
 * Turns an Authorization header into a principal, or a 401 problem saying why not. The token itself is checked
 * by libs/platform's checkAccessToken (crit, HS256, iss/aud, claims, lifetime), the same check the CLI's --token
 * gets. Used by the guard and by the middleware guarding /docs and /metrics.
 */
export class AccessTokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly policy: TokenPolicy = DEFAULT_TOKEN_POLICY,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /**
   * A token already verified by this verifier is not verified again while its `exp` (and `nbf`) still hold on
   * the clock jsonwebtoken checks them against: the same text, under the same key and policy, has the same
   * signature and claims, so the HMAC and the two JSON decodings need not be redone on every request (they were
   * about 5% of the server's time under the HTTP bench). A token whose lifetime depends on the time (no `iat`,
   * or one in the future) is checked in full each time.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  async verify(authorization: string | undefined): Promise<Principal> {
    const match = BEARER.exec(authorization ?? '');
    if (!match) throw new ProblemException('UNAUTHENTICATED', 'an Authorization: Bearer <token> header is required');
    const token = match[1];
    const known = this.verified.get(token);
    if (known !== undefined && stillValid(known, Date.now()) && known.iat <= Math.floor(this.now() / 1000)) return { userId: known.principal.userId, roles: [...known.principal.roles] };
    try {
      const principal = checkAccessToken(this.jwt, token, { policy: this.policy, now: this.now, name: 'the bearer token' });
      this.remember(token, principal);
      return principal;
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw new ProblemException('UNAUTHENTICATED', error.message, error.details);
      throw error;
    }
  }

  private remember(token: string, principal: Principal): void {
    const { exp, nbf, iat } = this.jwt.decode<{ exp: number; nbf?: unknown; iat?: unknown }>(token);
    if (typeof iat !== 'number' || iat > Math.floor(this.now() / 1000)) return;
    if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { principal: { userId: principal.userId, roles: [...principal.roles] }, exp, nbf: typeof nbf === 'number' ? nbf : undefined, iat });
  }
}

/** jsonwebtoken's own conditions, on its own clock (whole seconds of Date.now): expired once now >= exp, not yet valid while now < nbf. */
function stillValid(token: VerifiedToken, nowMs: number): boolean {
  const now = Math.floor(nowMs / 1000);
  return now < token.exp && (token.nbf === undefined || token.nbf <= now);
}
