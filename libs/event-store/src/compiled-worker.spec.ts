import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { compiledWorker } from './compiled-worker';

describe("compiledWorker: the script a worker thread runs", () => {
  it('is the built .js beside the calling code when there is one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'groupcap-worker-'));
    try {
      writeFileSync(join(dir, 'snapshot.worker.js'), '');
      expect(compiledWorker(dir, 'snapshot.worker')).toBe(join(dir, 'snapshot.worker.js'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is the same path under dist/ for TypeScript sources (ts-jest), where none is beside them', () => {
    // This spec is libs/event-store/src/: the repository's root is three folders up.
    const root = resolve(__dirname, '../../..');
    expect(compiledWorker(join(root, 'libs/writer/src/snapshot'), 'snapshot.worker')).toBe(join(root, 'dist/libs/writer/src/snapshot/snapshot.worker.js'));
  });
});
