import { JwtService } from '@nestjs/jwt';
import { Role } from '@groupcap/domain';

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
