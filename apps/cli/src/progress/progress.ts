import { SingleBar } from 'cli-progress';
import { CliShell, say } from '../shell/cli-shell';

/** Progress of a pass over the log, measured by position: positions can be sparse, counts are shown beside. */
export interface Progress {
  /** One more event done, at this log position. */
  advance(position: bigint): void;
  /** Stops drawing and prints the closing line. */
  finish(what?: string): void;
}

export interface ProgressOptions {
  /** Last position the pass will reach (null: an empty log). */
  end: bigint | null;
  /** Plain mode: least time between two lines. Default 2 s. */
  intervalMs?: number;
  /** What is counted. Default "events". */
  unit?: string;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function seconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s}s` : s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/**
 * A bar (events done, events/s, ETA) when a person watches a terminal; otherwise a plain line every few
 * seconds, fit for logs and CI. Either way on stderr, so stdout stays clean for the command's output.
 */
export function startProgress(shell: CliShell, label: string, options: ProgressOptions): Progress {
  const started = shell.clock().getTime();
  const unit = options.unit ?? 'events';
  const end = options.end === null ? 0 : Number(options.end);
  let events = 0;
  let position = 0;
  const rate = () => {
    const elapsed = (shell.clock().getTime() - started) / 1000;
    return elapsed > 0 ? events / elapsed : 0;
  };
  const closing = (what: string) => {
    const elapsed = shell.clock().getTime() - started;
    return `${label}: ${what}${integer.format(events)} ${unit} in ${(elapsed / 1000).toFixed(1)}s (${integer.format(rate())} ${unit}/s)`;
  };

  if (shell.interactive) {
    const bar = new SingleBar({
      stream: shell.stderr,
      format: `${label} [{bar}] {percentage}% | {events} ${unit} | {rate} ${unit}/s | ETA {eta_formatted}`,
      barsize: 30,
      hideCursor: true,
      etaBuffer: 200,
      // Whether a person watches is decided above (shell.interactive), not by the bar.
      noTTYOutput: true,
    });
    bar.start(Math.max(end, 1), 0, { events: '0', rate: '0' });
    return {
      advance(at) {
        events++;
        position = Number(at);
        if (events % 50 === 0 || position >= end) bar.update(position, { events: integer.format(events), rate: integer.format(rate()) });
      },
      finish(what = '') {
        bar.update(Math.max(end, 1), { events: integer.format(events), rate: integer.format(rate()) });
        bar.stop();
        say(shell.stderr, closing(what));
      },
    };
  }

  const interval = options.intervalMs ?? 2000;
  let lastLine = started;
  return {
    advance(at) {
      events++;
      position = Number(at);
      const now = shell.clock().getTime();
      if (now - lastLine < interval) return;
      lastLine = now;
      const fraction = end > 0 ? Math.min(1, position / end) : 1;
      const eta = fraction > 0 ? ((now - started) * (1 - fraction)) / fraction : 0;
      say(shell.stderr, `${label}: ${integer.format(events)} ${unit}, ${Math.floor(fraction * 100)}%, ${integer.format(rate())} ${unit}/s, ETA ${seconds(eta)}`);
    },
    finish(what = '') {
      say(shell.stderr, closing(what));
    },
  };
}
