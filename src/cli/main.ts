/**
 * nnzip, nnunzip and nncat: the command line, in gzip's manner (flags, file
 * handling, messages, exit status 0 / 1 error / 2 warning), on top of the
 * library's streams. This file is the entry point and the process's wiring
 * (signals, standard output); a file's journey starts in files.ts. Imports
 * only the library; see progress.ts for the bar.
 */
import * as fs from 'node:fs';
import { CliOptions, defaultOptions, parseArgs, UsageError } from './args';
import type { Files } from './files';
import type { Listing } from './listing';
import { removeTemps } from './output';
import { BrokenPipe, ERROR, Session, systemMessage } from './session';
import { ignoredAtStart } from './signals';
import { treatStdin } from './stdin';

export type ProgramName = 'nnzip' | 'nnunzip' | 'nncat';

/** Every operand in turn; returns the exit status. */
export async function processAll(s: Session, files: string[]): Promise<number> {
  if (files.length === 0) files = ['-'];
  const writesStdout = s.mode === 'compress' && (s.o.stdout || files.includes('-'));
  if (writesStdout && !s.o.force && process.stdout.isTTY) {
    s.error(null, `compressed data not written to a terminal. Use -f to force compression.\nFor help, type: ${s.prog} -h`);
    return s.status;
  }
  if (s.o.suffix === '' && (s.mode === 'compress' || s.mode === 'decompress') && !s.o.stdout) {
    s.error(null, `invalid suffix ''`);
    return s.status;
  }
  // Modules a run may not need are loaded on first use: -l's table, and
  // the handling of FILE operands (a pipe, `nnzip -c < f`, needs neither).
  const listing: Listing | null = s.mode === 'list' ? new (require('./listing') as typeof import('./listing')).Listing(s) : null;
  let driver: Files | null = null;
  try {
    for (const f of files) {
      if (f === '-') await treatStdin(s, listing);
      else await (driver ??= new (require('./files') as typeof import('./files')).Files(s, listing)).treat(f, false);
    }
    if (listing !== null) listing.totals();
  } catch (err) {
    if (!(err instanceof BrokenPipe)) throw err;
  }
  if (s.usedStdout) syncStdout();
  return s.status;
}

/** When standard output is a file (tar -I, logrotate), make it durable before reporting success. */
function syncStdout(): void {
  try {
    if (fs.fstatSync(1).isFile()) fs.fsyncSync(1);
  } catch {
    // not a file, or a file system without fsync
  }
}

/**
 * The reader of standard output went away (`nnzip -c f | upload` with upload
 * dead, `nncat big.nnz | head`). gzip dies of SIGPIPE there: the shell sees
 * 141, `set -o pipefail` sees a failure, and tar, which expects SIGPIPE when it
 * stops reading early, stays quiet. Node ignores SIGPIPE; removing a handler
 * restores the default, so nnzip can die of it as well, silently. If our
 * caller ignored SIGPIPE, gzip would get EPIPE instead and say so: as it.
 */
function brokenPipe(prog: string): never {
  removeTemps();
  if (ignoredAtStart('SIGPIPE')) {
    process.stderr.write(`${prog}: stdout: Broken pipe\n`);
    process.exit(ERROR);
  }
  const noop = (): void => {};
  process.on('SIGPIPE', noop);
  process.off('SIGPIPE', noop);
  process.kill(process.pid, 'SIGPIPE');
  // Not reached on Linux; elsewhere, the status a shell would show.
  process.exit(128 + 13);
}

/** Entry point of bin/nnzip, bin/nnunzip and bin/nncat. */
export function run(prog: ProgramName, argv: string[] = process.argv.slice(2)): void {
  const base = defaultOptions();
  if (prog !== 'nnzip') base.decompress = true;
  if (prog === 'nncat') base.stdout = true;
  let parsed: { options: CliOptions; files: string[] };
  try {
    parsed = parseArgs(argv, base);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`${prog}: ${err.message}\nTry \`${prog} --help' for more information.\n`);
    process.exitCode = ERROR;
    return;
  }
  const { options, files } = parsed;
  if (options.help) {
    process.stdout.write((require('./help') as typeof import('./help')).helpText(prog));
    return;
  }
  if (options.version || options.license) {
    const { version } = require('./help') as typeof import('./help');
    process.stdout.write(`${prog === 'nnzip' ? 'nnzip' : `${prog} (nnzip)`} ${version()}\n`);
    if (options.license) process.stdout.write('License: MIT. This is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n');
    return;
  }
  if (options.html && options.explain === undefined) {
    process.stderr.write(`${prog}: --html goes with --explain\nTry \`${prog} --help' for more information.\n`);
    process.exitCode = ERROR;
    return;
  }
  if (options.verbosity > 0) {
    for (const flag of options.ignored) process.stderr.write(`${prog}: option ${flag} ignored by nnzip\n`);
  }

  const session = new Session(prog, options);
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    session.shutdown();
    if (err.code === 'EPIPE') brokenPipe(prog);
    process.stderr.write(`${prog}: stdout: ${systemMessage(err)}\n`);
    process.exit(ERROR);
  });
  session.onBrokenPipe = () => brokenPipe(prog);
  // A file-size limit makes writes fail with EFBIG instead of killing us with partial output left behind.
  process.on('SIGXFSZ', () => {});
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    if (ignoredAtStart(sig)) {
      // Ignored by our caller (nohup, trap '' INT, `cmd &` in a script): as
      // gzip, keep ignoring it. Node has reset it to the default, and a
      // handler that does nothing is how Node ignores a signal.
      process.on(sig, () => {});
      continue;
    }
    process.once(sig, () => {
      session.shutdown();
      // Die of the same signal so that the caller (a shell, tar) sees it.
      process.kill(process.pid, sig);
    });
  }
  process.on('exit', () => removeTemps());

  // --explain's modules load only when it is asked for (start-up of a plain run).
  const work = options.explain !== undefined ? (require('../insight/cli') as typeof import('../insight/cli')).explainAll(session, files) : processAll(session, files);
  work.then(
    (status) => {
      process.exitCode = status;
    },
    (err) => {
      session.shutdown();
      process.stderr.write(`${prog}: ${systemMessage(err)}\n`);
      process.exitCode = ERROR;
    },
  );
}
