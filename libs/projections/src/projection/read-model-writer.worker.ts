import { parentPort, workerData } from 'node:worker_threads';
import { SET_CHECKPOINT } from './apply-event';
import { ScratchReadModels, finishScratchReadModels, openScratchReadModels } from './read-model.db';
import { HeldRows, heldRowsWriter } from './rebuild-writes';

/** What the rebuild sends its writer: one transaction's rows with the checkpoint they bring the file to, or the end. */
export type WriterRequest = { kind: 'transaction'; rows: HeldRows; checkpoint: bigint } | { kind: 'finish' };

export type WriterReply = { kind: 'committed'; checkpoint: bigint } | { kind: 'finished' } | { kind: 'failed'; message: string };

export interface WriterData {
  dataDir: string;
  rowsPerStatement: number;
}

/**
 * The rebuild's writer thread (read-model.rebuild.ts): owns the scratch database, writes each transaction it is
 * sent (rows and checkpoint in one transaction) and answers once it is committed. On the first failure it answers
 * why and writes nothing more: the scratch is then abandoned.
 */
function serve(port: NonNullable<typeof parentPort>, data: WriterData): void {
  let scratch: ScratchReadModels;
  try {
    scratch = openScratchReadModels(data.dataDir);
  } catch (error) {
    port.postMessage(failed(error));
    return;
  }
  const { db } = scratch;
  const write = heldRowsWriter(db, data.rowsPerStatement);
  const setCheckpoint = db.prepare<[bigint]>(SET_CHECKPOINT);
  const commit = db.transaction((rows: HeldRows, checkpoint: bigint) => {
    write(rows);
    setCheckpoint.run(checkpoint);
  });
  let broken = false;
  port.on('message', (request: WriterRequest) => {
    if (broken) return;
    try {
      switch (request.kind) {
        case 'transaction':
          commit(request.rows, request.checkpoint);
          port.postMessage({ kind: 'committed', checkpoint: request.checkpoint } satisfies WriterReply);
          return;
        case 'finish':
          finishScratchReadModels(scratch);
          port.postMessage({ kind: 'finished' } satisfies WriterReply);
          port.close();
          return;
        default: {
          const unhandled: never = request;
          throw new Error(`unknown request ${JSON.stringify(unhandled)}`);
        }
      }
    } catch (error) {
      broken = true;
      if (db.open) db.close();
      port.postMessage(failed(error));
    }
  });
}

function failed(error: unknown): WriterReply {
  return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
}

if (parentPort) serve(parentPort, workerData as WriterData);
