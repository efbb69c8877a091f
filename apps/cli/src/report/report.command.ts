import { writeFileSync } from 'node:fs';
import type { Regime } from '@groupcap/domain';
import { G14Report, LargeCreditReport, ReportUnit, largeCreditCsv, largeCreditWorkbook, largeExposureCsv, largeExposureWorkbook } from '@groupcap/projections';
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
  /** Default: yuan for the large-credit report, wan for G14 (as on each form). */
  unit?: ReportUnit;
  threshold?: string;
  /** cbrc-2010 (default): the large-credit report; nfra-2018: the G14 large-exposure report (domain.md section 8). */
  regime?: Regime;
}

/** One of the two reports, tagged with its regime, so rendering cannot mix them up. */
type AnyReport = { regime: 'cbrc-2010'; report: LargeCreditReport } | { regime: 'nfra-2018'; report: G14Report };

async function render(tagged: AnyReport, format: ReportFormat): Promise<Buffer> {
  switch (format) {
    case 'json':
      return Buffer.from(`${JSON.stringify(tagged.report, null, 2)}\n`, 'utf8');
    case 'csv':
      return Buffer.from(tagged.regime === 'cbrc-2010' ? largeCreditCsv(tagged.report) : largeExposureCsv(tagged.report), 'utf8');
    case 'xlsx':
      return tagged.regime === 'cbrc-2010' ? largeCreditWorkbook(tagged.report) : largeExposureWorkbook(tagged.report);
    default: {
      const unknown: never = format;
      throw new CliUsageError(`unknown format ${String(unknown)}`);
    }
  }
}

/**
 * The large-credit report (or with regime nfra-2018 the G14 large-exposure report) as of a business date, from the
 * log alone: a scratch in-memory projection of the log up to `toPosition` (default: all of it), asked for its
 * report. The live read models are not used.
 */
export async function reportCommand(shell: CliShell, options: ReportOptions): Promise<void> {
  const regime = options.regime ?? 'cbrc-2010';
  if (regime === 'nfra-2018' && options.threshold !== undefined) {
    throw new CliUsageError('--threshold is the large-credit report\'s: the G14 report lists what reaches the policy\'s largeExposureRatio of tier-1 net capital');
  }
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
      const tagged: AnyReport =
        regime === 'cbrc-2010'
          ? { regime, report: await projection.largeCreditReport({ asOf: options.asOf, unit: options.unit ?? 'yuan', threshold: options.threshold }) }
          : { regime, report: await projection.largeExposureReport({ asOf: options.asOf, unit: options.unit ?? 'wan' }) };
      const { report } = tagged;
      const bytes = await render(tagged, options.format);
      const source = `the log up to position ${projection.position() ?? 'zero (empty)'}`;
      if (options.out === undefined) shell.stdout.write(bytes);
      else writeFileSync(options.out, bytes);
      const name = regime === 'cbrc-2010' ? 'large-credit report' : 'G14 large-exposure report';
      const why = tagged.regime === 'nfra-2018' && tagged.report.reason !== null ? ` (${tagged.report.reason}: the 2018 measures are not checked)` : '';
      say(shell.stderr, `${name} as of ${options.asOf} from ${source}: ${report.rows.length} rows${why}${report.filing ? `, filed ${report.filing.filedAt}${report.restated ? ', RESTATED since' : ''}` : ''}${options.out ? ` -> ${options.out}` : ''}`);
    } finally {
      await projection.stop();
    }
  });
}
