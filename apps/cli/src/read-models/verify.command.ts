import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ASKED_TABLES, READ_MODEL_FILE, rebuildReadModels } from '@groupcap/projections';
import { table } from '../output/table';
import { startProgress } from '../progress/progress';
import { CliFailure } from '../shell/cli-errors';
import { readCliConfig, withStore } from '../shell/cli-config';
import { CliShell, say } from '../shell/cli-shell';
import { ReadModelComparison, compareReadModelFiles, overallDigest } from './read-model-comparison';
import { openIdleReadModels } from './read-model-swap';

/** Where the copy says it is: a position, null before any event, undefined when it has no checkpoint we can read. */
function checkpointOf(file: string): bigint | null | undefined {
  const db = new Database(file, { fileMustExist: true });
  try {
    db.defaultSafeIntegers(true);
    const row = db.prepare<[], { position: bigint | null }>('SELECT position FROM checkpoint WHERE id = 1').get();
    return row ? row.position : undefined;
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}

function describe(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function report(shell: CliShell, comparison: ReadModelComparison): void {
  const rebuilt = new Map(comparison.rebuilt.map((t) => [t.table, t]));
  const names = [...new Set([...comparison.live.map((t) => t.table), ...rebuilt.keys()])].sort();
  const rows = names.map((name) => {
    const l = comparison.live.find((t) => t.table === name);
    const r = rebuilt.get(name);
    const same = l !== undefined && r !== undefined && l.sha256 === r.sha256 && l.rows === r.rows;
    return [name, l ? String(l.rows) : '-', r ? String(r.rows) : '-', l ? l.sha256.slice(0, 16) : '-', r ? r.sha256.slice(0, 16) : '-', same ? 'same' : 'DIFFERENT'];
  });
  for (const line of table(['table', 'live rows', 'rebuilt rows', 'live sha256', 'rebuilt sha256', ''], rows, new Set([1, 2]))) say(shell.stdout, line);
}

/**
 * Rebuilds the read models from position zero to the live ones' checkpoint, in a scratch directory, and
 * compares the two table by table. The live database is first copied with SQLite's online backup, so the
 * comparison reads one consistent point. A running read side keeps its database locked: stop it first.
 */
export async function verify(shell: CliShell): Promise<void> {
  const config = readCliConfig(shell);
  const liveFile = join(config.readModelDir, READ_MODEL_FILE);
  if (!existsSync(liveFile)) throw new CliFailure(`no read models at ${liveFile}: start the API or run \`rebuild\` first`);
  await withStore(config, shell, async (store) => {
    const scratch = mkdtempSync(join(config.readModelDir, '.verify-'));
    try {
      const copy = join(scratch, 'live-copy.db');
      const live = openIdleReadModels(liveFile);
      try {
        await live.backup(copy);
      } finally {
        live.close();
      }
      const checkpoint = checkpointOf(copy);
      const head = await store.headPosition();
      const end = checkpoint === undefined ? head : checkpoint;
      const progress = startProgress(shell, 'verify', { end });
      const rebuiltDir = join(scratch, 'rebuilt');
      // As `rebuild` builds them: verify then also checks that the bulk load gives what the live projection wrote.
      await rebuildReadModels(store, { dataDir: rebuiltDir, toPosition: end ?? -1n, onEvent: (e) => progress.advance(e.position) });
      progress.finish();

      const at = checkpoint === undefined ? 'an unreadable checkpoint' : checkpoint === null ? 'the start of the log' : `log position ${checkpoint}`;
      say(shell.stdout, `live read models at ${at}${head !== null && head !== checkpoint ? ` (the log's head is ${head})` : ''}; rebuilt from position zero to the same point`);
      const comparison = compareReadModelFiles(copy, join(rebuiltDir, READ_MODEL_FILE), ASKED_TABLES);
      report(shell, comparison);
      const difference = comparison.firstDifference;
      if (difference) {
        throw new CliFailure(
          [
            `the live read models differ from a rebuild from position zero: first difference in ${difference.table === 'schema' ? 'the schema' : `table ${difference.table}`}, row ${difference.row}`,
            `  live:    ${describe(difference.live)}`,
            `  rebuilt: ${describe(difference.rebuilt)}`,
          ].join('\n'),
        );
      }
      say(shell.stdout, `OK: identical to a rebuild from position zero (${comparison.live.length} tables, sha256 ${overallDigest(comparison.live)})`);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
}
