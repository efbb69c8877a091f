import { execSync } from 'node:child_process';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

/** One printed figure: `--json` prints exactly these five fields, one object per line. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  /** The target, or null for a figure printed for context only. */
  target: { op: '>=' | '<='; value: number } | null;
  ok: boolean | null;
  /** Every run's value (the figure is their median), and what the reader needs to interpret it. */
  runs: number[];
  note?: string;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function figure(name: string, runs: number[], unit: string, target: Figure['target'], note?: string): Figure {
  const value = median(runs);
  const ok = target === null ? null : target.op === '>=' ? value >= target.value : value <= target.value;
  return { name, value, unit, target, ok, runs, note };
}

export function jsonLine(f: Figure): string {
  return JSON.stringify({ name: f.name, value: round(f.value), unit: f.unit, target: f.target === null ? null : `${f.target.op} ${f.target.value}`, ok: f.ok });
}

export function round(v: number): number {
  if (!Number.isFinite(v)) return v;
  const abs = Math.abs(v);
  return abs >= 100 ? Math.round(v) : abs >= 1 ? Math.round(v * 100) / 100 : Math.round(v * 10000) / 10000;
}

export function fmt(v: number): string {
  const r = round(v);
  return Math.abs(r) >= 1000 ? r.toLocaleString('en-US') : String(r);
}

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  freeGiB: number;
  node: string;
  date: string;
  loadBefore: number[];
  loadAfter?: number[];
  commit: string;
  dirty: boolean;
}

export function machineInfo(): MachineInfo {
  let commit = 'unknown';
  let dirty = false;
  try {
    commit = execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    dirty = execSync('git status --porcelain', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim() !== '';
  } catch {
    // not a git checkout: the commit stays unknown
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    freeGiB: Math.round(freemem() / 2 ** 30),
    node: process.version,
    date: new Date().toISOString(),
    loadBefore: loadavg().map((l) => Math.round(l * 100) / 100),
    commit,
    dirty,
  };
}
