import { JwtService } from '@nestjs/jwt';
import { Role } from '@groupcap/domain';
import { nonEmpty, wholeNumber } from '../config/platform-config';
import { hs256Key } from './hs256-key';
import { Principal, principalFromClaims } from './principal';

/** What a bearer token must satisfy beyond its signature (api.md: HS256, claims sub, roles, exp). */
export interface TokenPolicy {
  /** The longest a token may live: `exp - iat`, and `exp - now` (a token without `iat` cannot hide its age). */
  maxTtlSeconds: number;
  /** When set, the token's `iss` must be exactly this. */
  issuer?: string;
  /** When set, the token's `aud` must be (or contain) this. */
  audience?: string;
}

/** 12 hours: a working day; the development token printed at start lives exactly this long. */
export const DEFAULT_TOKEN_MAX_TTL_SECONDS = 12 * 3600;
export const DEFAULT_TOKEN_POLICY: TokenPolicy = { maxTtlSeconds: DEFAULT_TOKEN_MAX_TTL_SECONDS };

/** AUTH_TOKEN_MAX_TTL_SECONDS, AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE: read alike by the API and the CLI. */
export function readTokenPolicy(env: NodeJS.ProcessEnv): TokenPolicy {
  const maxTtlSeconds = wholeNumber(env, 'AUTH_TOKEN_MAX_TTL_SECONDS', DEFAULT_TOKEN_MAX_TTL_SECONDS, 1);
  const issuer = nonEmpty(env.AUTH_JWT_ISSUER);
  const audience = nonEmpty(env.AUTH_JWT_AUDIENCE);
  return { maxTtlSeconds, ...(issuer !== undefined && { issuer }), ...(audience !== undefined && { audience }) };
}

/** Signs a token the API accepts: HS256, claims sub and roles (and iss/aud when the server checks them), expiring after `expiresInSeconds`. */
export function mintAccessToken(
  secret: string,
  sub: string,
  roles: readonly Role[],
  expiresInSeconds: number,
  claims: { issuer?: string; audience?: string } = {},
): string {
  return new JwtService().sign(
    { sub, roles: [...roles] },
    {
      secret,
      algorithm: 'HS256',
      expiresIn: expiresInSeconds,
      ...(claims.issuer !== undefined && { issuer: claims.issuer }),
      ...(claims.audience !== undefined && { audience: claims.audience }),
    },
  );
}

/** Raised for a token that is not valid (signature, algorithm, expiry, claims, policy): the message says why. */
export class InvalidAccessTokenError extends Error {
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'InvalidAccessTokenError';
  }
}

export interface TokenCheckOptions {
  policy?: TokenPolicy;
  now?: () => number;
  /** How messages name the token: "the bearer token" over HTTP, "the token" on the command line. */
  name?: string;
}

/**
 * The one token check, used by the API's guard (and the /docs, /metrics middleware) and by the CLI's --token:
 * no `crit` header (RFC 7515 4.1.11: we understand no extension, so one we must understand is refused), HS256
 * with the secret (a key object: see hs256Key), `iss`/`aud` when the policy names them, the claims api.md
 * names (`sub`, `roles`, `exp`), and a lifetime within the policy.
 */
export function checkAccessToken(jwt: Pick<JwtService, 'verify'>, token: string, options: TokenCheckOptions = {}): Principal {
  const policy = options.policy ?? DEFAULT_TOKEN_POLICY;
  const name = options.name ?? 'the token';
  if (criticalHeaderOf(token) !== undefined) {
    throw new InvalidAccessTokenError(`${name} is not valid: its header lists critical extensions ("crit"), which this server does not support`);
  }
  let claims: unknown;
  try {
    claims = jwt.verify(token, {
      algorithms: ['HS256'],
      ...(policy.issuer !== undefined && { issuer: policy.issuer }),
      ...(policy.audience !== undefined && { audience: policy.audience }),
    });
  } catch (error) {
    throw new InvalidAccessTokenError(`${name} is not valid: ${(error as Error).message}`);
  }
  const principal = principalFromClaims(claims);
  if (!principal) throw new InvalidAccessTokenError(`${name} must carry sub, exp and roles (officer, approver, risk, regulator, admin)`);
  const lifetime = lifetimeOf(claims as { exp: number; iat?: unknown }, (options.now ?? Date.now)());
  if (lifetime > policy.maxTtlSeconds) {
    throw new InvalidAccessTokenError(`${name} lives longer than this server allows (${policy.maxTtlSeconds} s from issue to expiry)`, {
      maxTtlSeconds: policy.maxTtlSeconds,
    });
  }
  return principal;
}

/**
 * The principal a token names, checked exactly as the API checks a bearer token (checkAccessToken, same policy
 * from the same environment). The CLI uses it to act under a token's identity.
 */
export function verifyAccessToken(secret: string, token: string, policy: TokenPolicy = DEFAULT_TOKEN_POLICY, now?: () => number): Principal {
  return checkAccessToken(new JwtService({ secret: hs256Key(secret) }), token.trim(), { policy, ...(now && { now }) });
}

/** From issue (`iat`) to expiry, and never less than what is left from now: a missing or back-dated `iat` hides nothing. */
function lifetimeOf(claims: { exp: number; iat?: unknown }, nowMs: number): number {
  const nowSeconds = Math.floor(nowMs / 1000);
  const issued = typeof claims.iat === 'number' ? Math.min(claims.iat, nowSeconds) : nowSeconds;
  return claims.exp - issued;
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
