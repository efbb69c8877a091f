import type { EventStore } from '@groupcap/event-store';
import type { ReadModels } from '@groupcap/projections';
import { ServerRole } from '../config/server-role';
import { CommandWriter } from './command-writer.port';

/**
 * What the HTTP shell runs on: the store, the writer (absent on a reader), the read models
 * (absent on a writer). Built by openRuntime in production and by hand in tests.
 */
export interface ApiRuntime {
  readonly role: ServerRole;
  readonly store: EventStore;
  readonly writer: CommandWriter | null;
  readonly readModels: ReadModels | null;
  /** True once the writer (if any) has started and the read side (if any) has caught up. */
  isReady(): boolean;
  stop(): Promise<void>;
}

export const API_RUNTIME = Symbol('API_RUNTIME');
