import { randomBytes } from 'node:crypto';
import { writeSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { SnapshotStore, WriterSnapshot } from './snapshot.store';
import { runInSlices } from './in-slices';
import { SNAPSHOT_HEADER_BYTES, decodeSnapshot, encodeSnapshotInSteps } from './writer-snapshot.codec';

export interface FileSnapshotStoreOptions {
  /** How many of the newest snapshots to keep; older ones are deleted after each save. Default 2. */
  keep?: number;
  /** Told about every snapshot file skipped on load, and why. Default: console.warn. */
  onIgnored?: (file: string, reason: string) => void;
  clock?: () => Date;
  /** How long the writer's thread encodes at a time before letting commands be decided (in-slices.ts). Default 2 ms. */
  sliceMs?: number;
}

const NAME = /^book-(\d+)\.snap$/;
/** Snapshots of schema versions up to 7 (JSON): never read again, only deleted once newer ones are kept. */
const JSON_NAME = /^book-\d+\.json$/;

/** Writes all of `bytes` at `position` (writeSync may write fewer at a time); returns how many. */
function writeAll(fd: number, bytes: Buffer, position: number): number {
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done, position + done);
  return bytes.length;
}

/** Parts read at once by readWhole: libuv's file system threads (4 unless UV_THREADPOOL_SIZE says otherwise). */
const READ_PARTS = 4;

/**
 * The whole file into a buffer of its size, in READ_PARTS reads at once: readFile reads a file of 150 MB in chunks
 * of 512 KB, each waiting for a turn of the event loop, which a starting server fills with other work (0.4-0.6 s on
 * the big book). Most of a read's time here is the kernel filling fresh memory, which parts on several threads do
 * side by side: 216-244 ms in 4 parts against 405-487 ms in one read (the big book's 147 MB, this 2-core machine).
 * Shared memory, so that the thread computing its checksum reads it uncopied.
 */
async function readWhole(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.from(new SharedArrayBuffer(size));
    // Whole pages to a part, so no two reads fill the same page.
    const part = Math.ceil(size / READ_PARTS / 4096) * 4096;
    const parts = Array.from({ length: READ_PARTS }, (_, i) => ({ from: Math.min(size, i * part), to: Math.min(size, (i + 1) * part) }));
    const ends = await Promise.all(
      parts.map(async ({ from, to }) => {
        let at = from;
        while (at < to) {
          const { bytesRead } = await handle.read(bytes, at, to - at, at);
          if (bytesRead === 0) break;
          at += bytesRead;
        }
        return at;
      }),
    );
    // A file cut short while it was read: what follows the first part read short is not taken.
    const short = ends.findIndex((end, i) => end < parts[i].to);
    const whole = short < 0 ? size : ends[short];
    return bytes.subarray(0, whole);
  } finally {
    await handle.close();
  }
}

/** The snapshot directory a data directory uses: DATA_DIR/snapshots. */
export function snapshotDirectory(dataDir: string): string {
  return join(dataDir, 'snapshots');
}

/**
 * Snapshots as files `book-<revision>.snap` in one directory. A save writes a temporary file, fsyncs it,
 * renames it into place and fsyncs the directory, so a crash leaves either the previous set of snapshots or
 * the new one, never a half-written file under a snapshot's name.
 */
export class FileSnapshotStore implements SnapshotStore {
  readonly keep: number;
  private readonly onIgnored: (file: string, reason: string) => void;
  private readonly clock: () => Date;
  private readonly sliceMs: number;
  /** The newest snapshot's bytes as read ahead (readAhead), for the next load to take. */
  private ahead: Promise<{ file: string; bytes: Buffer } | undefined> | undefined;

  constructor(readonly directory: string, options: FileSnapshotStoreOptions = {}) {
    this.keep = Math.max(1, options.keep ?? 2);
    this.onIgnored = options.onIgnored ?? ((file, reason) => console.warn(`ignoring writer snapshot ${file}: ${reason}`));
    this.clock = options.clock ?? (() => new Date());
    this.sliceMs = options.sliceMs ?? 2;
  }

  /** Newest first. */
  async files(): Promise<{ file: string; revision: bigint }[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .flatMap((name) => {
        const match = NAME.exec(name);
        return match ? [{ file: join(this.directory, name), revision: BigInt(match[1]) }] : [];
      })
      .sort((a, b) => (a.revision > b.revision ? -1 : a.revision < b.revision ? 1 : 0));
  }

  /**
   * Starts reading the newest snapshot now, on the file system's threads, for the next load to take: a server reads it
   * while its HTTP modules load on its own thread, rather than after (about 0.5 s for the 150 MB of the big book). The
   * next load takes these bytes for that file alone, if it is still there: a newer snapshot saved meanwhile is read
   * first, as usual. A failure here is met there, reading again. Resolves once read (or not).
   */
  readAhead(): Promise<void> {
    const ahead = this.files().then(async ([newest]) => newest && { file: newest.file, bytes: await readWhole(newest.file) });
    this.ahead = ahead.catch(() => undefined);
    return this.ahead.then(() => undefined);
  }

  async load(streamId: string): Promise<WriterSnapshot | undefined> {
    let ahead = await this.ahead;
    this.ahead = undefined;
    for (const { file, revision } of await this.files()) {
      try {
        const bytes = ahead?.file === file ? ahead.bytes : await readWhole(file);
        // Not held while an older file is read, if this one cannot be used.
        ahead = undefined;
        const snapshot = await decodeSnapshot(bytes);
        if (snapshot.streamId !== streamId) throw new Error(`it is of stream ${snapshot.streamId}, not ${streamId}`);
        if (snapshot.revision !== revision) throw new Error(`its name says revision ${revision}, its header ${snapshot.revision}`);
        return snapshot;
      } catch (error) {
        this.onIgnored(file, (error as Error).message);
      }
    }
    return undefined;
  }

  /**
   * Encodes the snapshot in slices of `sliceMs` with `between` awaited after each (the writer saves on its own
   * thread and goes on deciding commands between them), writing each part of the payload to a temporary file as it
   * is made, so the save holds a block of it at a time and never the whole book's bytes; then the header over the
   * space left for it at the start, an fsync, and a rename into place.
   */
  async save(snapshot: WriterSnapshot, between?: () => Promise<void>): Promise<void> {
    // Owner only, like the rest of DATA_DIR: a snapshot is the whole credit book.
    await mkdir(this.directory, { recursive: true, mode: 0o700 });
    const name = `book-${snapshot.revision}.snap`;
    const temporary = join(this.directory, `.${name}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx', 0o600);
    try {
      // Written at once (writeSync, into the page cache) within the step that made it: a part is valid only during
      // the call (snapshot-columns.ts), and a block is about a megabyte. The fsync below is what waits for the disk.
      let at = SNAPSHOT_HEADER_BYTES;
      const write = (part: Buffer) => {
        at += writeAll(handle.fd, part, at);
      };
      const header = await runInSlices(encodeSnapshotInSteps(snapshot, this.clock(), write), this.sliceMs, between);
      writeAll(handle.fd, header, 0);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temporary, { force: true });
      throw error;
    }
    await handle.close();
    await rename(temporary, join(this.directory, name));
    const directory = await open(this.directory, 'r');
    try {
      await directory.sync();
    } finally {
      await directory.close();
    }
    for (const old of (await this.files()).slice(this.keep)) await rm(old.file, { force: true });
    // A JSON snapshot an older build left is of another schema version: the one just saved supersedes it.
    for (const legacy of (await readdir(this.directory)).filter((n) => JSON_NAME.test(n))) await rm(join(this.directory, legacy), { force: true });
  }
}
