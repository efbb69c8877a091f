import { Writable } from 'node:stream';
import { runCli } from '../cli';
import { CliShell } from '../shell/cli-shell';

/** An in-process shell: what the CLI prints is collected; nobody is watching, so progress is plain lines. */
export class TestShell implements CliShell {
  private out: Buffer[] = [];
  private err: Buffer[] = [];
  readonly stdout = new Writable({ write: (chunk: Buffer | string, _enc, done) => (this.out.push(Buffer.from(chunk)), done()) });
  readonly stderr = new Writable({ write: (chunk: Buffer | string, _enc, done) => (this.err.push(Buffer.from(chunk)), done()) });
  readonly interactive = false;
  clock = () => new Date();

  constructor(readonly env: NodeJS.ProcessEnv) {}

  get output(): string {
    return Buffer.concat(this.out).toString('utf8');
  }

  get outputBytes(): Buffer {
    return Buffer.concat(this.out);
  }

  get errors(): string {
    return Buffer.concat(this.err).toString('utf8');
  }
}

/**
 * Runs one command line in-process: its exit code and what it printed. Commands that show customer data run under
 * a named identity: unless the test names one (GROUPCAP_AS, GROUPCAP_TOKEN, or set GROUPCAP_AS to '' for none),
 * it is the user "cli-test".
 */
export async function cli(env: NodeJS.ProcessEnv, ...argv: string[]): Promise<{ code: number; out: string; err: string; bytes: Buffer }> {
  const named = env.GROUPCAP_AS !== undefined || env.GROUPCAP_TOKEN !== undefined;
  const shell = new TestShell(named ? env : { ...env, GROUPCAP_AS: 'cli-test' });
  const code = await runCli(argv, shell);
  return { code, out: shell.output, err: shell.errors, bytes: shell.outputBytes };
}
