import { Role } from '@groupcap/domain';
import { ConfigError, mintAccessToken, resolveJwtSecret } from '@groupcap/platform';
import { CliUsageError } from '../shell/cli-errors';
import { readCliConfig } from '../shell/cli-config';
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
  let secret: string;
  try {
    secret = resolveJwtSecret(config).secret;
  } catch (error) {
    if (error instanceof ConfigError) throw new CliUsageError(error.message);
    throw error;
  }
  say(shell.stdout, mintAccessToken(secret, options.sub.trim(), options.roles, options.ttlSeconds));
}
