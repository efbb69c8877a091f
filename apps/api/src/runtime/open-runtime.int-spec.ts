import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BookProjection } from '@groupcap/projections';
import { BookWriter } from '@groupcap/writer';
import { openRuntime } from './open-runtime';

describe('openRuntime start', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'groupcap-open-runtime-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('starts the read side only once the writer accepts commands, and is ready once both are', async () => {
    const steps: string[] = [];
    const writerStart = BookWriter.prototype.start;
    jest.spyOn(BookWriter.prototype, 'start').mockImplementation(async function (this: BookWriter) {
      steps.push('writer starting');
      // A restore that takes a while: the read side must not start during it.
      await new Promise((r) => setTimeout(r, 200));
      await writerStart.call(this);
      steps.push('writer accepts commands');
    });
    const projectionStart = BookProjection.prototype.start;
    jest.spyOn(BookProjection.prototype, 'start').mockImplementation(function (this: BookProjection) {
      steps.push('read side starting');
      return projectionStart.call(this);
    });
    const runtime = openRuntime({ dataDir: dir, readModelDir: dir, serverRole: 'all', idempotencyRetentionDays: 7, businessDate: '2025-06-30' });
    try {
      const starting = runtime.start();
      expect(runtime.isReady()).toBe(false);
      await starting;
      expect(steps).toEqual(['writer starting', 'writer accepts commands', 'read side starting']);
      expect(runtime.isReady()).toBe(true);
    } finally {
      await runtime.stop();
    }
  });

  it('is ready with the read side alone on a reader, which has no writer', async () => {
    const runtime = openRuntime({ dataDir: dir, readModelDir: dir, serverRole: 'reader', idempotencyRetentionDays: 7, businessDate: '2025-06-30' });
    try {
      await runtime.start();
      expect(runtime.writer).toBeNull();
      expect(runtime.isReady()).toBe(true);
      expect(runtime.readModels?.position()).toBeNull();
    } finally {
      await runtime.stop();
    }
  });
});
