import { Role } from '@groupcap/domain';
import { AuditRecordData } from '@groupcap/event-store';
import { InvalidAccessTokenError, nonEmpty, verifyAccessToken } from '@groupcap/platform';
import { CliUsageError } from './cli-errors';
import { CliConfig, cliJwtSecret } from './cli-config';
import { CliShell } from './cli-shell';

/** Who runs a command that shows customer-level data: never anonymous. */
export type CliIdentity = NonNullable<AuditRecordData['actor']>;

export interface IdentityOptions {
  /** A bearer token the API would accept (`--token`, else GROUPCAP_TOKEN). */
  token?: string;
  /** A user named without proof (`--as`, else GROUPCAP_AS): outside production only. */
  as?: string;
}

/**
 * The identity a command runs under. A token is verified with the API's secret and rules and must hold one of
 * `roles`; a name given with --as is taken as is, which production refuses (there a token is required).
 */
export function resolveCliIdentity(shell: Pick<CliShell, 'env'>, config: CliConfig, options: IdentityOptions, roles: readonly Role[]): CliIdentity {
  const token = nonEmpty(options.token) ?? nonEmpty(shell.env.GROUPCAP_TOKEN);
  if (token !== undefined) {
    const secret = cliJwtSecret(config);
    let principal;
    try {
      principal = verifyAccessToken(secret, token, config.tokenPolicy);
    } catch (error) {
      if (error instanceof InvalidAccessTokenError) throw new CliUsageError(`--token: ${error.message}`);
      throw error;
    }
    if (!principal.roles.some((role) => roles.includes(role))) {
      throw new CliUsageError(`${principal.userId} may not run this command: it needs one of the roles ${roles.join(', ')}`);
    }
    return { userId: principal.userId, roles: principal.roles, via: 'token' };
  }
  const named = nonEmpty(options.as) ?? nonEmpty(shell.env.GROUPCAP_AS);
  if (named !== undefined) {
    if (config.production) throw new CliUsageError('NODE_ENV=production: --as is not proof of identity; give --token (or GROUPCAP_TOKEN)');
    return { userId: named, roles: [], via: 'as' };
  }
  throw new CliUsageError('this command shows customer data and is recorded: say who you are with --token <jwt> (or GROUPCAP_TOKEN), or --as <user> outside production');
}
