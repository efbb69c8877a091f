import { EventStore, openEventStore } from '@groupcap/event-store';
import { ConfigError, TokenPolicy, businessToday, readPlatformConfig, readTokenPolicy, resolveJwtSecret } from '@groupcap/platform';
import { CliUsageError } from './cli-errors';
import { CliShell } from './cli-shell';

/** The settings the CLI shares with the API (libs/platform reads both): same names, same defaults. */
export interface CliConfig {
  dataDir: string;
  /** Where this machine's read models live (READ_MODEL_DIR, default DATA_DIR), as for the API. */
  readModelDir: string;
  /** Today's business date: BUSINESS_DATE, or the current date in China time. */
  today: () => string;
  production: boolean;
  jwtSecret: string | undefined;
  /** AUTH_TOKEN_MAX_TTL_SECONDS, AUTH_JWT_ISSUER, AUTH_JWT_AUDIENCE: the API's token policy, applied to --token and `token`. */
  tokenPolicy: TokenPolicy;
}

export function readCliConfig(shell: Pick<CliShell, 'env' | 'clock'>): CliConfig {
  let shared;
  let tokenPolicy: TokenPolicy;
  try {
    shared = readPlatformConfig(shell.env);
    tokenPolicy = readTokenPolicy(shell.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliUsageError(error.message);
    throw error;
  }
  return {
    dataDir: shared.dataDir,
    readModelDir: shared.readModelDir,
    today: businessToday(shared.businessDate, shell.clock),
    production: shared.production,
    jwtSecret: shared.jwtSecret,
    tokenPolicy,
  };
}

/** The event store the API would open: SQLite in DATA_DIR, or EventStoreDB with EVENT_STORE=eventstoredb. */
export function openStore(config: CliConfig, shell: Pick<CliShell, 'env'>): EventStore {
  return openEventStore({ dataDir: config.dataDir, env: shell.env });
}

/** Runs `work` on the store and closes it, whatever happens. */
export async function withStore<T>(config: CliConfig, shell: Pick<CliShell, 'env'>, work: (store: EventStore) => Promise<T>): Promise<T> {
  const store = openStore(config, shell);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/** The API's signing secret for this configuration; a configuration that has none usable is the caller's mistake. */
export function cliJwtSecret(config: CliConfig): string {
  try {
    return resolveJwtSecret(config).secret;
  } catch (error) {
    if (error instanceof ConfigError) throw new CliUsageError(error.message);
    throw error;
  }
}
