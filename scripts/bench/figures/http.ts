import { rmSync } from 'node:fs';
import { pad, random } from '../lib/book';
import { mintToken, spawnServer, stopServer, waitReady } from '../lib/processes';
import { commandBookDir } from './commands';

/** The part of autocannon's programmatic API used here (it ships no type declarations). */
interface AutocannonResult {
  duration: number;
  '2xx': number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latency: { p50: number; p99: number; max: number };
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const autocannon = require('autocannon') as Autocannon;

export interface HttpRun {
  perSecond: number;
  p99: number;
  p50: number;
  non2xx: number;
}

/**
 * Drawdowns through the real server process (dist/apps/api/src/main.js: JWT, validation, the writer with its
 * group commit, the projection), on a fresh command book; load from autocannon in this process.
 */
export async function httpRun(groups: number, seconds: number, connections: number, run: number): Promise<HttpRun> {
  const dir = await commandBookDir(groups);
  const server = await spawnServer(dir);
  try {
    await waitReady(server, 120_000);
    const token = mintToken(dir);
    const rnd = random(500 + run);
    let i = 0;
    const body = (id: string) => JSON.stringify({ drawdownId: id, amount: '1000.00', product: 'loan' });
    const request = () => ({
      method: 'POST',
      path: `/api/v1/limits/L-${pad(Math.floor(rnd() * groups))}-${Math.floor(rnd() * 10)}/drawdowns`,
      body: body(`H${run}-${i++}`),
    });
    const options = (duration: number) => ({
      url: server.baseUrl,
      connections,
      duration,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      requests: [{ setupRequest: (req: Record<string, unknown>) => ({ ...req, ...request() }) }],
    });
    await autocannon(options(Math.max(1, Math.round(seconds / 5)))); // warm-up: JIT, first-command-of-the-day review
    const result = await autocannon(options(seconds));
    if (result['2xx'] === 0) throw new Error(`no drawdown accepted over HTTP:\n${server.log().slice(-3000)}`);
    return { perSecond: result['2xx'] / result.duration, p99: result.latency.p99, p50: result.latency.p50, non2xx: result.non2xx + result.errors + result.timeouts };
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
  }
}
