import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { ApiRuntime } from '../runtime/api-runtime';

/**
 * Prometheus metrics for whoever is on call: whether the writer is writing, whether it is fighting another
 * writer (conflicts), and how far the read side is behind the log. Values are read from the runtime at
 * scrape time, so nothing is added to the command path.
 */
export function metricsRegistry(runtime: ApiRuntime): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'groupcap_' });
  const writerCounter = (name: string, help: string, read: (s: NonNullable<NonNullable<ApiRuntime['writer']>['stats']>) => number) =>
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = runtime.writer?.stats;
        this.reset();
        if (stats) this.inc(read(stats));
      },
    });
  writerCounter('groupcap_writer_commands_total', 'Commands decided and answered by the writer (accepted or refused).', (s) => s.commands);
  writerCounter('groupcap_writer_batches_total', 'Group commits written.', (s) => s.batches);
  writerCounter('groupcap_writer_conflicts_total', 'Batches decided again because another writer appended first (should stay 0).', (s) => s.conflicts);
  writerCounter('groupcap_writer_reviews_total', "Reviews of every subject (a new day's first, or a restart's, when the writer does not know its last review).", (s) => s.reviewsOfEverySubject);
  writerCounter('groupcap_writer_reviews_since_last_total', 'Reviews of only the subjects time moved since the last review.', (s) => s.reviewsSinceLast);
  new Gauge({
    name: 'groupcap_log_head_position',
    help: 'Global position of the last event in the log.',
    registers: [registry],
    async collect() {
      const head = await runtime.store.headPosition();
      this.set(head === null ? 0 : Number(head));
    },
  });
  new Gauge({
    name: 'groupcap_read_model_position',
    help: 'Global position of the last event applied by the read models of this process.',
    registers: [registry],
    collect() {
      const position = runtime.readModels?.position();
      this.set(position === null || position === undefined ? 0 : Number(position));
    },
  });
  new Gauge({
    name: 'groupcap_ready',
    help: '1 once the writer has caught up and the read side is current, else 0.',
    registers: [registry],
    collect() {
      this.set(runtime.isReady() ? 1 : 0);
    },
  });
  return registry;
}
