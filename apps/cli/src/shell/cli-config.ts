import { isBusinessDate } from '@groupcap/domain';
import { EventStore, openEventStore } from '@groupcap/event-store';
import { businessToday } from '../../../api/src/config/business-today';
import { CliUsageError } from './cli-errors';
import { CliShell } from './cli-shell';

/** The settings the CLI shares with the API (README): same names, same defaults. */
export interface CliConfig {
  dataDir: string;
  /** Where this machine's read models live (READ_MODEL_DIR, default DATA_DIR), as for the API. */
  readModelDir: string;
  /** Today's business date: BUSINESS_DATE, or the current date in China time. */
  today: () => string;
  production: boolean;
  jwtSecret: string | undefined;
}

export function readCliConfig(shell: Pick<CliShell, 'env' | 'clock'>): CliConfig {
  const env = shell.env;
  const businessDate = nonEmpty(env.BUSINESS_DATE);
  if (businessDate !== undefined && !isBusinessDate(businessDate)) {
    throw new CliUsageError(`BUSINESS_DATE must be a calendar date YYYY-MM-DD, got "${businessDate}"`);
  }
  const dataDir = nonEmpty(env.DATA_DIR) ?? './data';
  return {
    dataDir,
    readModelDir: nonEmpty(env.READ_MODEL_DIR) ?? dataDir,
    today: businessToday(businessDate, shell.clock),
    production: env.NODE_ENV === 'production',
    jwtSecret: nonEmpty(env.AUTH_JWT_SECRET),
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

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
