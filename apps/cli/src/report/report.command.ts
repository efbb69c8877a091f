import { writeFileSync } from 'node:fs';
import { LargeCreditReport, ReportUnit, largeCreditCsv, largeCreditWorkbook } from '@groupcap/projections';
import { startProgress } from '../progress/progress';
import { projectLog } from '../read-models/scratch-projection';
import { CliUsageError } from '../shell/cli-errors';
import { readCliConfig, withStore } from '../shell/cli-config';
import { CliShell, say } from '../shell/cli-shell';

export type ReportFormat = 'json' | 'csv' | 'xlsx';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv', 'xlsx'];

export interface ReportOptions {
  asOf: string;
  toPosition?: bigint;
  format: ReportFormat;
  out?: string;
  unit: ReportUnit;
  threshold?: string;
}

async function render(report: LargeCreditReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(report, null, 2)}\n`, 'utf8');
    case 'csv':
      return Buffer.from(largeCreditCsv(report), 'utf8');
    case 'xlsx':
      return largeCreditWorkbook(report);
    default: {
      const unknown: never = format;
      throw new CliUsageError(`unknown format ${String(unknown)}`);
    }
  }
}

/**
 * The large-credit report as of a business date, from the log alone: a scratch in-memory projection of the
 * log up to `toPosition` (default: all of it), asked for its report. The live read models are not used.
 */
export async function largeCreditReportCommand(shell: CliShell, options: ReportOptions): Promise<void> {
  if (options.format === 'xlsx' && options.out === undefined && shell.interactive) {
    throw new CliUsageError('an xlsx report is binary: give --out FILE (or redirect stdout to a file)');
  }
  const config = readCliConfig(shell);
  await withStore(config, shell, async (store) => {
    const head = await store.headPosition();
    const end = options.toPosition === undefined || (head !== null && head < options.toPosition) ? head : options.toPosition;
    const progress = startProgress(shell, 'report', { end });
    const projection = await projectLog(store, { today: config.today, toPosition: end ?? -1n, onEvent: (e) => progress.advance(e.position) });
    try {
      progress.finish();
      const report = projection.largeCreditReport({ asOf: options.asOf, unit: options.unit, threshold: options.threshold });
      const bytes = await render(report, options.format);
      const source = `the log up to position ${projection.position() ?? 'zero (empty)'}`;
      if (options.out === undefined) shell.stdout.write(bytes);
      else writeFileSync(options.out, bytes);
      say(shell.stderr, `large-credit report as of ${options.asOf} from ${source}: ${report.rows.length} rows${report.filing ? `, filed ${report.filing.filedAt}${report.restated ? ', RESTATED since' : ''}` : ''}${options.out ? ` -> ${options.out}` : ''}`);
    } finally {
      await projection.stop();
    }
  });
}
