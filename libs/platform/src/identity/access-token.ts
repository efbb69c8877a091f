import { JwtService } from '@nestjs/jwt';
import { Role } from '@groupcap/domain';
import { hs256Key } from './hs256-key';
import { Principal, principalFromClaims } from './principal';

/** Signs a token the API accepts: HS256, claims sub and roles, expiring after `expiresInSeconds`. */
export function mintAccessToken(secret: string, sub: string, roles: readonly Role[], expiresInSeconds: number): string {
  return new JwtService().sign({ sub, roles: [...roles] }, { secret, algorithm: 'HS256', expiresIn: expiresInSeconds });
}

/** Raised for a token that is not valid (signature, algorithm, expiry, claims): the message says why. */
export class InvalidAccessTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAccessTokenError';
  }
}

/**
 * The principal a token names, checked exactly as the API checks a bearer token: HS256 only, signature, expiry,
 * and the claims principalFromClaims requires. The CLI uses it to act under a token's identity.
 */
export function verifyAccessToken(secret: string, token: string): Principal {
  let claims: unknown;
  try {
    claims = new JwtService({ secret: hs256Key(secret) }).verify(token.trim(), { algorithms: ['HS256'] });
  } catch (error) {
    throw new InvalidAccessTokenError(`the token is not valid: ${(error as Error).message}`);
  }
  const principal = principalFromClaims(claims);
  if (!principal) throw new InvalidAccessTokenError('the token must carry sub, exp and roles (officer, approver, risk, regulator, admin)');
  return principal;
}
