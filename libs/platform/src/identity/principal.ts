import { ROLES, Role } from '@groupcap/domain';

/** Who is calling, taken from a verified token; becomes the command's actor. */
export interface Principal {
  userId: string;
  roles: Role[];
}

const KNOWN_ROLES: ReadonlySet<string> = new Set(ROLES);

/**
 * The claims a token must carry: `sub`, `roles` (known roles only) and `exp`. A token without an
 * expiry is refused: a leaked one would otherwise be valid forever.
 */
export function principalFromClaims(claims: unknown): Principal | undefined {
  if (typeof claims !== 'object' || claims === null) return undefined;
  const { sub, roles, exp } = claims as { sub?: unknown; roles?: unknown; exp?: unknown };
  if (typeof sub !== 'string' || sub.length === 0) return undefined;
  if (typeof exp !== 'number') return undefined;
  if (!Array.isArray(roles) || !roles.every((r): r is Role => typeof r === 'string' && KNOWN_ROLES.has(r))) return undefined;
  return { userId: sub, roles: [...new Set(roles)] };
}
