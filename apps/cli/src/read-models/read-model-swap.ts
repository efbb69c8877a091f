import Database from 'better-sqlite3';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliFailure } from '../shell/cli-errors';

const inUse = (file: string) =>
  new CliFailure(`${file} is open in another process (is the API running on this DATA_DIR or READ_MODEL_DIR?): stop it first; nothing was changed`);

/**
 * Opens a live read-model database for reading, or says plainly that a running projection holds it: the
 * read side keeps its file locked (exclusive) for as long as it runs.
 */
export function openIdleReadModels(file: string): Database.Database {
  const db = new Database(file, { fileMustExist: true, timeout: 250 });
  try {
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    // By code, not instanceof: the native addon's error class is per load of the module.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) throw inUse(file);
    throw error;
  }
}

/**
 * Closes the last connection to the live read-model database so its WAL is merged and removed. SQLite keeps
 * the -wal file while any connection is open, so one still there after our close means another process (the
 * API) has the database open: a swap now would pull its files from under it.
 */
function settle(liveFile: string): void {
  if (!existsSync(liveFile)) return;
  const db = openIdleReadModels(liveFile);
  try {
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  if (existsSync(`${liveFile}-wal`)) throw inUse(liveFile);
  // A stray shared-memory file would be read against the new database: only SQLite's own leftovers go.
  rmSync(`${liveFile}-shm`, { force: true });
}

/**
 * Puts a freshly built read-model database in place of the live one in one rename (same directory, so
 * atomic): readers see either the old file or the new one, never a mixture, and a crash before the
 * rename leaves the old one untouched.
 */
export function swapReadModels(builtFile: string, liveFile: string): void {
  settle(liveFile);
  renameSync(builtFile, liveFile);
  const directory = openSync(dirname(liveFile), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
}
