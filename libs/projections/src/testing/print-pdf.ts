import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';

const REPO = resolve(__dirname, '../../../..');

/**
 * Whether LibreOffice (soffice) and poppler-utils are usable: runs scripts/ensure-libreoffice.sh, which installs
 * them with apt-get when missing. Returns why not when they are not, for the test to say when it skips.
 */
export function ensurePrintTools(): { ok: true } | { ok: false; why: string } {
  const run = spawnSync('bash', [join(REPO, 'scripts/ensure-libreoffice.sh')], { encoding: 'utf8', timeout: 900_000 });
  if (run.status === 0) return { ok: true };
  return { ok: false, why: (run.stderr || run.error?.message || `exit ${run.status}`).trim() };
}

/** Converts a workbook to PDF with LibreOffice headless, in a private profile; returns the PDF's path. */
export function xlsxToPdf(xlsx: Buffer, name = 'report'): string {
  const dir = mkdtempSync(join(tmpdir(), 'groupcap-print-'));
  const input = join(dir, `${name}.xlsx`);
  writeFileSync(input, xlsx);
  const convert = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
    { encoding: 'utf8', timeout: 120_000 },
  );
  if (convert.status !== 0) throw new Error(`soffice failed: ${convert.stderr || convert.error?.message}`);
  return join(dir, `${basename(input, '.xlsx')}.pdf`);
}

export interface PdfInfo {
  pages: number;
  /** "841.89 x 595.276 pts (A4)" */
  pageSize: string;
}

export function pdfInfo(pdf: string): PdfInfo {
  const out = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1]), pageSize: /^Page size:\s+(.*)$/m.exec(out)?.[1]?.trim() ?? '' };
}

/** The text of one page (1-based), laid out as printed. */
export function pageText(pdf: string, page: number): string {
  return spawnSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' }).stdout;
}

/** Renders one page to a PNG at the resolution given; returns the PNG's bytes. */
export function pageImage(pdf: string, page: number, dpi = 110): Buffer {
  const prefix = join(tmpdir(), `groupcap-page-${process.pid}-${page}`);
  const run = spawnSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', pdf, prefix], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`pdftoppm failed: ${run.stderr}`);
  return readFileSync(`${prefix}.png`);
}
