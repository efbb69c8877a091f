import { runCli } from './cli';
import { processShell } from './shell/cli-shell';

// `groupcap history ... | head`: the reader went away, which is not an error of ours.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

// exitCode, not exit(): stdout piped to a file or another program is flushed before the process ends.
runCli(process.argv.slice(2), processShell()).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
