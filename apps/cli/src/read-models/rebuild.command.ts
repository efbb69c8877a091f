import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { READ_MODEL_FILE, rebuildReadModels } from '@groupcap/projections';
import { startProgress } from '../progress/progress';
import { readCliConfig, withStore } from '../shell/cli-config';
import { CliShell, say } from '../shell/cli-shell';
import { swapReadModels } from './read-model-swap';

/**
 * Rebuilds every read model from position zero into a scratch directory inside READ_MODEL_DIR (default
 * DATA_DIR), then swaps the result in with one rename. Stop-the-world: the API must not be running on it (checked).
 */
export async function rebuild(shell: CliShell): Promise<void> {
  const config = readCliConfig(shell);
  await withStore(config, shell, async (store) => {
    // A fixed end: events written meanwhile are for the API's projection to pick up after the swap.
    const head = await store.headPosition();
    mkdirSync(config.readModelDir, { recursive: true });
    // Beside the live file: the swap is a rename within one directory, so it is atomic.
    const scratch = mkdtempSync(join(config.readModelDir, '.rebuild-'));
    try {
      const progress = startProgress(shell, 'rebuild', { end: head });
      // The live projection's own applyEvent, loaded in bulk (read-model.rebuild.ts): the same rows, much faster.
      const position = await rebuildReadModels(store, { dataDir: scratch, toPosition: head ?? -1n, onEvent: (e) => progress.advance(e.position) });
      progress.finish();
      const live = join(config.readModelDir, READ_MODEL_FILE);
      swapReadModels(join(scratch, READ_MODEL_FILE), live);
      say(shell.stdout, `read models rebuilt from position zero ${position === null ? '(the log is empty)' : `to position ${position}`}: ${live}`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}
