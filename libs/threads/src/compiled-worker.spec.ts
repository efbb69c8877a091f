import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compiledWorker } from './compiled-worker';

describe("compiledWorker: the script a worker thread runs", () => {
  it('is the built .js beside the calling code when there is one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupcap-worker-'));
    try {
      writeFileSync(join(dir, 'projection.worker.js'), '');
      expect(compiledWorker(dir, 'projection.worker')).toBe(join(dir, 'projection.worker.js'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the same path under dist/ for TypeScript sources (ts-jest), where none is beside them', () => {
    // This spec is libs/threads/src/: the repository's root is three folders up.
    const root = resolve(__dirname, '../../..');
    expect(compiledWorker(join(root, 'libs/projections/src/projection'), 'projection.worker')).toBe(join(root, 'dist/libs/projections/src/projection/projection.worker.js'));
  });
});
