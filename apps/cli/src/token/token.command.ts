import { Role } from '@groupcap/domain';
import { mintAccessToken } from '@groupcap/platform';
import { CliUsageError } from '../shell/cli-errors';
import { cliJwtSecret, readCliConfig } from '../shell/cli-config';
import { CliShell, say } from '../shell/cli-shell';

export interface TokenOptions {
  sub: string;
  roles: Role[];
  ttlSeconds: number;
}

/**
 * Mints a bearer token the API accepts, with the API's own code and secret rules: AUTH_JWT_SECRET, else
 * (outside production) the development secret in DATA_DIR/jwt-secret, created if missing. Prints only the token.
 */
export function token(shell: CliShell, options: TokenOptions): void {
  if (options.sub.trim() === '') throw new CliUsageError('--sub must name a user');
  const config = readCliConfig(shell);
  const { maxTtlSeconds, issuer, audience } = config.tokenPolicy;
  if (options.ttlSeconds > maxTtlSeconds) {
    throw new CliUsageError(`--ttl: the API refuses a token living longer than ${maxTtlSeconds} s (AUTH_TOKEN_MAX_TTL_SECONDS)`);
  }
  const secret = cliJwtSecret(config);
  const claims = { ...(issuer !== undefined && { issuer }), ...(audience !== undefined && { audience }) };
  say(shell.stdout, mintAccessToken(secret, options.sub.trim(), options.roles, options.ttlSeconds, claims));
}
