import { StreamableFile } from '@nestjs/common';
import type { EventStore } from '@groupcap/event-store';
import type { ReadModels } from '@groupcap/projections';
import { ProblemException } from '../problems/problem-details';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type ReportFormat = 'json' | 'csv' | 'xlsx';

/** A report as the client asked for it: the JSON as it is, or a CSV or xlsx attachment named `name`. */
export async function reportAnswer<R>(
  report: R,
  format: ReportFormat,
  name: string,
  render: { csv: (report: R) => string; xlsx: (report: R) => Promise<Buffer> },
): Promise<R | StreamableFile> {
  switch (format) {
    case 'json':
      return report;
    case 'csv':
      return new StreamableFile(Buffer.from(render.csv(report), 'utf8'), { type: 'text/csv; charset=utf-8', disposition: `attachment; filename="${name}.csv"` });
    case 'xlsx':
      return new StreamableFile(await render.xlsx(report), { type: XLSX, disposition: `attachment; filename="${name}.xlsx"` });
    default: {
      const unknown: never = format;
      throw new Error(`unknown report format ${String(unknown)}`);
    }
  }
}

/**
 * Before a report is filed: the rows frozen must include every event already in the log, not what a lagging read
 * side has seen so far. 503 READ_MODEL_BEHIND when it does not get there within `waitMs`.
 */
export async function awaitReadSideAtHead(store: EventStore, readModels: ReadModels, waitMs: number): Promise<void> {
  const head = await store.headPosition();
  if (head !== null && !(await readModels.waitFor(head, waitMs))) {
    throw new ProblemException('READ_MODEL_BEHIND', `the read side has not reached the end of the log (position ${head}); retry`, {
      minPosition: head.toString(),
      position: readModels.position()?.toString() ?? null,
    });
  }
}
