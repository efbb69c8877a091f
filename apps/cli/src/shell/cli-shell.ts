/**
 * Everything a command touches outside itself, so the commands run in-process in tests: the environment,
 * the two output streams, whether a person is watching, and the clock.
 */
export interface CliShell {
  env: NodeJS.ProcessEnv;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** True when a person watches a terminal: progress is drawn as a bar, else written as plain lines. */
  interactive: boolean;
  clock: () => Date;
}

export function processShell(): CliShell {
  return {
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    interactive: Boolean(process.stdout.isTTY && process.stderr.isTTY),
    clock: () => new Date(),
  };
}

/** Writes one line (text plus a newline). */
export function say(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}
