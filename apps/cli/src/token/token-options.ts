import { InvalidArgumentError } from 'commander';
import { ROLES, Role } from '@groupcap/domain';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** "90", "90s", "15m", "1h", "7d" -> seconds. */
export function durationOption(value: string): number {
  const match = /^([1-9]\d{0,6})([smhd]?)$/.exec(value.trim());
  if (!match) throw new InvalidArgumentError('expected a duration such as 3600, 15m, 1h or 7d.');
  return Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
}

/** "officer,approver" -> the roles, each known to the API (domain ROLES), none twice. */
export function rolesOption(value: string): Role[] {
  const roles = value.split(',').map((r) => r.trim()).filter((r) => r !== '');
  if (roles.length === 0) throw new InvalidArgumentError(`name at least one role of ${ROLES.join(', ')}.`);
  for (const role of roles) {
    if (!ROLES.includes(role as Role)) throw new InvalidArgumentError(`unknown role "${role}"; roles: ${ROLES.join(', ')}.`);
  }
  return [...new Set(roles)] as Role[];
}
