import { openSqliteEventStore } from '@groupcap/event-store';
import { BookProjection } from '@groupcap/projections';
import { BookWriter } from '@groupcap/writer';
import { ApiConfig } from '../config/api-config';
import { runsReadSide, runsWriter } from '../config/server-role';
import { ProblemException } from '../problems/problem-details';
import { ApiRuntime } from './api-runtime';
import { CommandWriter } from './command-writer.port';

export interface StartableRuntime extends ApiRuntime {
  /** Catches the writer and the projection up with the log; the server listens meanwhile (health says "starting"). */
  start(): Promise<void>;
}

/** The production wiring: the embedded SQLite store in DATA_DIR, the book writer and the projections on it. */
export function openRuntime(config: Pick<ApiConfig, 'dataDir' | 'serverRole'>, today: () => string): StartableRuntime {
  const store = openSqliteEventStore(config.dataDir);
  const writer = runsWriter(config.serverRole) ? new BookWriter(store, { today }) : null;
  const projection = runsReadSide(config.serverRole) ? new BookProjection(store, { today }) : null;
  let ready = false;
  let stopped = false;

  // Commands that arrive while the writer catches up are refused rather than decided on a partial book.
  const gatedWriter: CommandWriter | null = writer && {
    submit: (submission) =>
      ready ? writer.submit(submission) : Promise.reject(new ProblemException('NOT_READY', 'the writer is still catching up with the log; retry shortly')),
  };

  return {
    role: config.serverRole,
    store,
    writer: gatedWriter,
    readModels: projection,
    isReady: () => ready,
    async start() {
      await Promise.all([writer?.start(), projection?.start()]);
      // Health turns "ok" only when the read side has applied everything already in the log at start.
      const head = await store.headPosition();
      if (projection && head !== null) while (!stopped && !(await projection.waitFor(head, 10_000)));
      ready = !stopped;
    },
    async stop() {
      ready = false;
      stopped = true;
      await writer?.stop();
      await projection?.stop();
      await store.close();
    },
  };
}
