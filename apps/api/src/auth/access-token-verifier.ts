import { JwtService } from '@nestjs/jwt';
import { DEFAULT_TOKEN_MAX_TTL_SECONDS, TokenPolicy } from '../config/hardening-config';
import { ProblemException } from '../problems/problem-details';
import { Principal, principalFromClaims } from './principal';

const BEARER = /^Bearer +([A-Za-z0-9._~+/-]+=*) *$/i;

export const TOKEN_POLICY = Symbol('TOKEN_POLICY');
export const DEFAULT_TOKEN_POLICY: TokenPolicy = { maxTtlSeconds: DEFAULT_TOKEN_MAX_TTL_SECONDS };

/**
 * Turns an Authorization header into a principal, or a 401 problem saying why not: a bearer token, no
 * `crit` header (RFC 7515 4.1.11: we understand no extension, so one we must understand is refused), HS256
 * with the secret, `iss`/`aud` when configured, the claims api.md names (`sub`, `roles`, `exp`), and a
 * lifetime within the policy. Used by the guard and by the middleware guarding /docs and /metrics.
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
    const token = match[1];
    if (criticalHeaderOf(token) !== undefined) {
      throw new ProblemException('UNAUTHENTICATED', 'the bearer token is not valid: its header lists critical extensions ("crit"), which this server does not support');
    }
    let claims: unknown;
    try {
      claims = await this.jwt.verifyAsync(token, {
        algorithms: ['HS256'],
        ...(this.policy.issuer !== undefined && { issuer: this.policy.issuer }),
        ...(this.policy.audience !== undefined && { audience: this.policy.audience }),
      });
    } catch (error) {
      throw new ProblemException('UNAUTHENTICATED', `the bearer token is not valid: ${(error as Error).message}`);
    }
    const principal = principalFromClaims(claims);
    if (!principal) {
      throw new ProblemException('UNAUTHENTICATED', 'the bearer token must carry sub, exp and roles (officer, approver, risk, regulator, admin)');
    }
    const lifetime = this.lifetimeOf(claims as { exp: number; iat?: unknown });
    if (lifetime > this.policy.maxTtlSeconds) {
      throw new ProblemException('UNAUTHENTICATED', `the bearer token lives longer than this server allows (${this.policy.maxTtlSeconds} s from issue to expiry)`, {
        maxTtlSeconds: this.policy.maxTtlSeconds,
      });
    }
    return principal;
  }

  /** From issue (`iat`) to expiry, and never less than what is left from now: a missing or back-dated `iat` hides nothing. */
  private lifetimeOf(claims: { exp: number; iat?: unknown }): number {
    const nowSeconds = Math.floor(this.now() / 1000);
    const issued = typeof claims.iat === 'number' ? Math.min(claims.iat, nowSeconds) : nowSeconds;
    return claims.exp - issued;
  }
}

/** The JOSE header's `crit` member, if any; a header that cannot be read is left to the verifier to refuse. */
function criticalHeaderOf(token: string): unknown {
  const dot = token.indexOf('.');
  if (dot <= 0) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(token.slice(0, dot), 'base64url').toString('utf8'));
    return typeof header === 'object' && header !== null ? (header as { crit?: unknown }).crit : undefined;
  } catch {
    return undefined;
  }
}
