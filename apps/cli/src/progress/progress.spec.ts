import { Writable } from 'node:stream';
import { CliShell } from '../shell/cli-shell';
import { startProgress } from './progress';

function shellAt(interactive: boolean) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  let text = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((text += chunk.toString()), done()) });
  const shell: CliShell = { env: {}, stdout: stream, stderr: stream, interactive, clock: () => new Date(now) };
  return { shell, advanceClock: (ms: number) => (now += ms), text: () => text };
}

describe('progress', () => {
  it('writes a plain line at most every interval when nobody watches, with rate and ETA, then a closing line', () => {
    const { shell, advanceClock, text } = shellAt(false);
    const progress = startProgress(shell, 'rebuild', { end: 1000n, intervalMs: 1000 });
    // 250 events in the first second: a quarter of the log; the rest at that pace takes 3 more seconds.
    for (let p = 1; p <= 250; p++) progress.advance(BigInt(p));
    advanceClock(1000);
    progress.advance(251n);
    advanceClock(200);
    progress.advance(252n); // too soon for another line
    advanceClock(800);
    progress.finish();
    expect(text().split('\n')).toEqual([
      'rebuild: 251 events, 25%, 251 events/s, ETA 3s',
      'rebuild: 252 events in 2.0s (126 events/s)',
      '',
    ]);
  });

  it('draws a bar on a terminal and still ends with the closing line', () => {
    const { shell, advanceClock, text } = shellAt(true);
    const progress = startProgress(shell, 'verify', { end: 100n });
    for (let p = 1; p <= 100; p++) progress.advance(BigInt(p));
    advanceClock(500);
    progress.finish();
    expect(text()).toContain('verify [');
    expect(text()).toContain('100% | 100 events');
    expect(text()).toMatch(/verify: 100 events in 0\.5s \(200 events\/s\)\n$/);
  });
});
