import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';

/** Owner only: credit data, the log and the development JWT secret are nobody else's to read. */
export const PRIVATE_DIRECTORY_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Files SQLite keeps beside a database; it creates them with the main file's mode. */
const SQLITE_COMPANIONS = ['-wal', '-shm', '-journal'];

/**
 * Creates `directory` (and missing parents) with mode 0700, and tightens an existing one to 0700. A
 * shared folder (sticky bit, like /tmp) is refused rather than changed: the data needs a folder of its own.
 */
export function privateDirectory(directory: string): void {
  mkdirSync(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const { mode } = statSync(directory);
  if ((mode & 0o777) === PRIVATE_DIRECTORY_MODE) return;
  if (mode & 0o1000) {
    throw new Error(`${directory} is a shared folder (sticky bit): keep the data in a folder of its own, which is then made 0700`);
  }
  chmodSync(directory, PRIVATE_DIRECTORY_MODE);
}

/**
 * Makes sure a SQLite database file exists with mode 0600 before SQLite opens it: SQLite creates its -wal,
 * -shm and -journal files with the main file's mode, so they are 0600 too. An existing file (and any
 * companion) left wider by an older build is tightened. An empty file is a valid new database to SQLite.
 */
export function privateDatabaseFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const path of [file, ...SQLITE_COMPANIONS.map((suffix) => file + suffix)]) tighten(path);
}

function tighten(path: string): void {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  if ((mode & 0o777) !== PRIVATE_FILE_MODE) chmodSync(path, PRIVATE_FILE_MODE);
}
