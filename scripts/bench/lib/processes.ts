import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { TODAY } from './book';

/** BENCH_CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") is passed to every child node process: profiles of the server, the CLI, the writer child. */
const CHILD_ARGS = (process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** Compiled entry points, the same files production runs (npm run bench builds first). */
const DIST = resolve(__dirname, '../../..');
export const API_MAIN = resolve(DIST, 'apps/api/src/main.js');
export const CLI_MAIN = resolve(DIST, 'apps/cli/src/main.js');
export const BENCH_SECRET = 'bench-secret-of-at-least-thirty-two-characters';

/** Production settings, except the per-user rate limit: the bench is one user sending as fast as the server answers. */
export function benchEnv(dataDir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, DATA_DIR: dataDir, BUSINESS_DATE: TODAY, AUTH_JWT_SECRET: BENCH_SECRET, NODE_ENV: 'production', EVENT_STORE: 'sqlite', RATE_LIMIT: '0', ...extra };
}

export async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** A bearer token from the CLI's `token` command (the same signing the API verifies); 12 h, the longest the API accepts by default. */
export function mintToken(dataDir: string, roles = 'officer'): string {
  return execFileSync(process.execPath, [CLI_MAIN, 'token', '--sub', 'bench', '--roles', roles, '--ttl', '12h'], { env: benchEnv(dataDir) }).toString().trim();
}

export interface Server {
  baseUrl: string;
  child: ChildProcess;
  log: () => string;
  exited: Promise<void>;
}

/** Starts dist/apps/api/src/main.js on a free port; resolves once it has spawned (not yet ready). */
export async function spawnServer(dataDir: string, nodeArgs: string[] = []): Promise<Server> {
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: run \`npm run build\``);
  const port = await freePort();
  const child = spawn(process.execPath, [...CHILD_ARGS, ...nodeArgs, API_MAIN], { env: benchEnv(dataDir, { PORT: String(port) }), stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  const keep = (d: Buffer) => {
    log += d.toString();
    if (log.length > 200_000) log = log.slice(-100_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  return { baseUrl: `http://127.0.0.1:${port}`, child, log: () => log, exited };
}

/** Waits for /health 200 (writer started, read side caught up). */
export async function waitReady(server: Server, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}:\n${server.log()}`);
    const ok = await fetch(`${server.baseUrl}/health`).then((r) => r.status === 200, () => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server not ready within ${timeoutMs} ms:\n${server.log().slice(-4000)}`);
    await sleep(50);
  }
}

export async function stopServer(server: Server, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill(signal);
  await server.exited;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs a compiled node script to completion; resolves with stdout, rejects on a non-zero exit. */
export function runNode(args: string[], env: NodeJS.ProcessEnv): Promise<{ stdout: string; stderr: string; seconds: number }> {
  const t0 = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [...CHILD_ARGS, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.once('exit', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (code === 0) done({ stdout, stderr, seconds });
      else fail(new Error(`node ${args.join(' ')} exited with ${code}:\n${stderr.slice(-4000)}\n${stdout.slice(-2000)}`));
    });
  });
}
