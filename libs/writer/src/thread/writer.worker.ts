import { parentPort, workerData } from 'node:worker_threads';
import { businessToday } from '@groupcap/domain';
import { openSqliteEventStore } from '@groupcap/event-store';
import { BookWriter } from '../book-writer';
import { CommandOutcome, CommandSubmission } from '../command-submission';
import { FileSnapshotStore, snapshotDirectory } from '../snapshot';

/** A command, numbered by the asker to match its answer. */
export interface NumberedSubmission {
  n: number;
  submission: CommandSubmission;
}

/**
 * What the main thread asks of the writer's thread: commands, or stop. Commands come in the order given, several to
 * a message (those given in one turn of the main thread): a message costs more than its contents at this size.
 */
export type WriterRequest = { kind: 'submit'; submissions: NumberedSubmission[] } | { kind: 'stop' };

/** How a command ended: its outcome, or the error it was refused with. */
export type Answer = { n: number; outcome: CommandOutcome } | { n: number; error: ThrownError };

export type WriterStats = BookWriter['stats'];

/** An error a submission ended with, as its class's name and its text: the main thread makes it again (writer-thread.ts). */
export interface ThrownError {
  name: string;
  message: string;
  stack?: string;
}

export type WriterReply =
  | { kind: 'started'; stats: WriterStats }
  /** The answers of one turn of the writer's thread (a group commit settles all of its commands at once). */
  | { kind: 'answered'; answers: Answer[]; stats: WriterStats }
  /** Events were appended through the thread's store: the main thread wakes what reads the log (the projection). */
  | { kind: 'appended' }
  | { kind: 'failed'; error: ThrownError }
  | { kind: 'stopped' };

export interface WriterWorkerData {
  /** The SQLite log's data directory (events.db, snapshots/). */
  eventStoreDir: string;
  /** BUSINESS_DATE when fixed; otherwise today in China time, as on the main thread. */
  businessDate?: string;
  idempotencyRetentionMs: number;
  snapshotEvery?: number;
}

function thrown(error: unknown): ThrownError {
  return error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : { name: 'Error', message: String(error) };
}

/**
 * The book's writer on a thread of its own (writer-thread.ts starts it): its own connection to the log, the same
 * BookWriter as on the main thread, each answer posted back with the writer's counters.
 */
function serve(port: NonNullable<typeof parentPort>, data: WriterWorkerData): void {
  const reply = (message: WriterReply) => port.postMessage(message);
  let writer: BookWriter;
  let store: ReturnType<typeof openSqliteEventStore>;
  try {
    store = openSqliteEventStore(data.eventStoreDir);
    writer = new BookWriter(store, {
      today: businessToday(data.businessDate),
      snapshots: new FileSnapshotStore(snapshotDirectory(data.eventStoreDir)),
      snapshotEvery: data.snapshotEvery,
      idempotencyRetentionMs: data.idempotencyRetentionMs,
    });
  } catch (error) {
    reply({ kind: 'failed', error: thrown(error) });
    return;
  }
  store.watchAppends(() => reply({ kind: 'appended' }));
  // Answers settled in one turn go back in one message, posted once the turn's promise jobs have run.
  let answers: Answer[] = [];
  const answer = (a: Answer) => {
    if (answers.push(a) === 1) {
      queueMicrotask(() => {
        reply({ kind: 'answered', answers, stats: writer.stats });
        answers = [];
      });
    }
  };
  port.on('message', (request: WriterRequest) => {
    switch (request.kind) {
      case 'submit':
        for (const { n, submission } of request.submissions) {
          writer.submit(submission).then(
            (outcome) => answer({ n, outcome }),
            (error: unknown) => answer({ n, error: thrown(error) }),
          );
        }
        return;
      case 'stop':
        // The queued commands are written and a snapshot being saved is finished before the connection closes.
        void writer
          .stop()
          .then(() => store.close())
          .then(
            () => reply({ kind: 'stopped' }),
            (error: unknown) => reply({ kind: 'failed', error: thrown(error) }),
          )
          .finally(() => port.close());
        return;
      default: {
        const unhandled: never = request;
        throw new Error(`unknown writer request ${JSON.stringify(unhandled)}`);
      }
    }
  });
  writer.start().then(
    () => reply({ kind: 'started', stats: writer.stats }),
    (error: unknown) => reply({ kind: 'failed', error: thrown(error) }),
  );
}

if (parentPort) serve(parentPort, workerData as WriterWorkerData);
