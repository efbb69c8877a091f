import { EsdbDouble } from '../../../../libs/event-store/src/eventstoredb/testing/esdb-double';

/** Where an end-to-end test keeps its log: the environment a server process needs to reach it. */
export interface StoreUnderTest {
  env: Record<string, string>;
  stop(): Promise<void>;
}

/** End-to-end tests run on the embedded store and on EventStoreDB (the in-process gRPC double). */
export const STORES_UNDER_TEST: [string, () => Promise<StoreUnderTest>][] = [
  ['the embedded SQLite store', async () => ({ env: {}, stop: async () => undefined })],
  [
    'EventStoreDB (gRPC double)',
    async () => {
      const double = await EsdbDouble.start({ batchAppend: true });
      return { env: { EVENT_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: double.connectionString }, stop: () => double.stop() };
    },
  ],
];
