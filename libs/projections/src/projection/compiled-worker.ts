import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The compiled script of a worker beside this folder's code. Under ts-jest this file is the TypeScript source:
 * workers run compiled, from the build `npm test` makes first.
 */
export function compiledWorker(name: string): string {
  const beside = join(__dirname, `${name}.js`);
  return existsSync(beside) ? beside : resolve(__dirname, `../../../../dist/libs/projections/src/projection/${name}.js`);
}
