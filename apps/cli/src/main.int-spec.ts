import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The compiled CLI as `npm run cli` starts it (npm test builds first): only what in-process tests cannot see. */
const MAIN = resolve(__dirname, '../../../dist/apps/cli/src/main.js');

function run(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(process.execPath, [MAIN, ...args], { env: { PATH: process.env.PATH, ...env } }, (error, stdout, stderr) => {
      done({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

describe('the compiled CLI', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'groupcap-cli-main-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists its commands and exits 0 for --help, 2 for a bad option', async () => {
    const help = await run(['--help'], { DATA_DIR: dir });
    expect(help.code).toBe(0);
    for (const command of ['rebuild', 'verify', 'report', 'what-if', 'history', 'token', 'demo']) expect(help.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    const bad = await run(['report', '--as-of', 'yesterday'], { DATA_DIR: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("option '--as-of <date>' argument 'yesterday' is invalid");
  });

  it('prints nothing but the token on stdout, so it can be captured: T=$(npm run -s cli -- token ...)', async () => {
    const minted = await run(['token', '--sub', 'ops', '--roles', 'admin'], { DATA_DIR: dir, AUTH_JWT_SECRET: 'x'.repeat(32) });
    expect(minted).toMatchObject({ code: 0, stderr: '' });
    expect(minted.stdout).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });
});
