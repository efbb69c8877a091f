import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The repository's root: this file is libs/threads/src/ in the sources, under dist/ built. */
const ROOT = resolve(__dirname, '../../..');

/**
 * The script a worker thread runs: `name`.js beside the code in `dirname` (its caller's __dirname) when that code is
 * built. Under ts-jest the caller is its TypeScript source, and the worker runs compiled from the build `npm test`
 * makes first: the same path under dist/. For the writer's thread and the projection's (applying the log, keeping,
 * writing a rebuild).
 */
export function compiledWorker(dirname: string, name: string): string {
  const beside = join(dirname, `${name}.js`);
  return existsSync(beside) ? beside : join(ROOT, 'dist', relative(ROOT, dirname), `${name}.js`);
}
