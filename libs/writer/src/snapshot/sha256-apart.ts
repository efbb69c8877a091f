import { Worker } from 'node:worker_threads';

/**
 * The hash run by the thread: the bytes are shared, not copied, and only the hex digest comes back. A script of its
 * own, not a compiled module: it needs nothing of this project, and a thread that loads less starts sooner.
 */
const HASHING_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { shared, offset, length, suffix } = workerData;
parentPort.postMessage(createHash('sha256').update(new Uint8Array(shared, offset, length)).update(suffix).digest('hex'));
`;

/**
 * SHA-256 (hex) of `bytes` followed by `suffix` (UTF-8), computed on a thread of its own, so that the caller's thread
 * does other work meanwhile: a restart decodes the snapshot while its checksum is computed (about 0.15-0.3 s of a
 * 150 MB payload, docs/benchmarks.md). `bytes` must not change until the promise settles; bytes not held in a
 * SharedArrayBuffer are copied into one first.
 */
export function sha256Apart(bytes: Uint8Array, suffix: string): Promise<string> {
  let view = bytes;
  if (!(bytes.buffer instanceof SharedArrayBuffer)) {
    view = new Uint8Array(new SharedArrayBuffer(bytes.length));
    view.set(bytes);
  }
  return new Promise((resolve, reject) => {
    const worker = new Worker(HASHING_THREAD, { eval: true, workerData: { shared: view.buffer, offset: view.byteOffset, length: view.length, suffix } });
    let answered = false;
    worker.once('message', (hex: string) => {
      answered = true;
      resolve(hex);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the hashing thread exited with ${code} before answering`));
    });
  });
}
