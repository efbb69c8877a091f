import { JwtService } from '@nestjs/jwt';
import { Role } from '@groupcap/domain';

/** Signs a token the API accepts: HS256, claims sub and roles, expiring after `expiresInSeconds`. */
export function mintAccessToken(secret: string, sub: string, roles: readonly Role[], expiresInSeconds: number): string {
  return new JwtService().sign({ sub, roles: [...roles] }, { secret, algorithm: 'HS256', expiresIn: expiresInSeconds });
}
