import { JwtService } from '@nestjs/jwt';
import { DEFAULT_TOKEN_POLICY, InvalidAccessTokenError, TokenPolicy, checkAccessToken } from '@groupcap/platform';
import { ProblemException } from '../problems/problem-details';
import { Principal } from './principal';

export { DEFAULT_TOKEN_POLICY } from '@groupcap/platform';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export const TOKEN_POLICY = Symbol('TOKEN_POLICY');

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

  async verify(authorization: string | undefined): Promise<Principal> {
    const match = BEARER.exec(authorization ?? '');
    if (!match) throw new ProblemException('UNAUTHENTICATED', 'an Authorization: Bearer <token> header is required');
    try {
      return checkAccessToken(this.jwt, match[1], { policy: this.policy, now: this.now, name: 'the bearer token' });
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw new ProblemException('UNAUTHENTICATED', error.message, error.details);
      throw error;
    }
  }
}
