/**
 * nngrep: grep through nnzip files, as zgrep does for gzip. Takes grep's
 * options, and runs the system grep once per file with the decompressed
 * bytes on its standard input and --label=FILE, so that grep's own -H, -l,
 * -c and friends name the file. Files that are not nnzip data are searched
 * as they are. The exit status is grep's: 0 a line selected, 1 none, 2 an
 * error (an error outranks a match, as in zgrep).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import { PassThrough, Readable } from 'node:stream';
import { isNnzipError } from '../format/errors';
import { decodePipeline, decodingStages, sniff } from './codec';

/** grep's short options that take an argument. */
const SHORT_WITH_ARG = new Set(['e', 'f', 'm', 'A', 'B', 'C', 'd', 'D']);
/** grep's long options that take an argument (as the next word when not given with '='). */
const LONG_WITH_ARG = [
  'regexp',
  'file',
  'max-count',
  'after-context',
  'before-context',
  'context',
  'directories',
  'devices',
  'label',
  'group-separator',
  'binary-files',
  'include',
  'exclude',
  'exclude-from',
  'exclude-dir',
];
const LONG_NO_ARG = ['no-filename', 'with-filename', 'recursive', 'dereference-recursive', 'silent', 'quiet', 'no-messages', 'no-group-separator'];

interface GrepArgs {
  /** Options for grep, in order, as given. */
  options: string[];
  pattern: string | null;
  files: string[];
  withFilename: boolean | null;
  quietErrors: boolean;
}

class Usage extends Error {}

/** Which long option `name` (maybe abbreviated, as grep allows) takes an argument. */
function longTakesArg(name: string): boolean {
  if (LONG_WITH_ARG.includes(name)) return true;
  if (LONG_NO_ARG.includes(name)) return false;
  return LONG_WITH_ARG.some((l) => l.startsWith(name)) && !LONG_NO_ARG.some((l) => l.startsWith(name));
}

function longIs(name: string, full: string): boolean {
  return name.length >= 3 && full.startsWith(name);
}

export function parseGrepArgs(argv: readonly string[]): GrepArgs {
  const a: GrepArgs = { options: [], pattern: null, files: [], withFilename: null, quietErrors: false };
  let patternGiven = false;
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      i++;
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      if (longIs(name, 'recursive') || longIs(name, 'dereference-recursive') || (longIs(name, 'directories') && arg.endsWith('=recurse'))) {
        throw new Usage(`${arg}: option not supported`);
      }
      if (longIs(name, 'no-filename')) a.withFilename = false;
      else if (longIs(name, 'with-filename')) a.withFilename = true;
      else if (longIs(name, 'no-messages')) a.quietErrors = true;
      if (eq < 0 && longTakesArg(name)) {
        if (i + 1 >= argv.length) throw new Usage(`option '${arg}' requires an argument`);
        if (longIs(name, 'regexp') || longIs(name, 'file')) patternGiven = true;
        a.options.push(arg, argv[++i]);
      } else {
        if (longIs(name, 'regexp') || longIs(name, 'file')) patternGiven = true;
        a.options.push(arg);
      }
      continue;
    }
    if (arg.length > 1 && arg[0] === '-') {
      for (let j = 1; j < arg.length; j++) {
        const ch = arg[j];
        if (ch === 'r' || ch === 'R') throw new Usage(`-${ch}: option not supported`);
        if (ch === 'h') a.withFilename = false;
        else if (ch === 'H') a.withFilename = true;
        else if (ch === 's') a.quietErrors = true;
        if (SHORT_WITH_ARG.has(ch)) {
          if (ch === 'e' || ch === 'f') patternGiven = true;
          if (j + 1 < arg.length) a.options.push(arg);
          else if (i + 1 < argv.length) a.options.push(arg, argv[++i]);
          else throw new Usage(`option requires an argument -- '${ch}'`);
          break;
        }
        if (j === arg.length - 1) a.options.push(arg);
      }
      continue;
    }
    // The first operand is the pattern, unless -e or -f gave it; the rest are files.
    if (!patternGiven && a.pattern === null) a.pattern = arg;
    else a.files.push(arg);
  }
  const rest = argv.slice(i);
  if (!patternGiven && a.pattern === null) {
    if (rest.length === 0) throw new Usage('no pattern');
    a.pattern = rest[0];
    a.files.push(...rest.slice(1));
  } else a.files.push(...rest);
  return a;
}

/** zgrep's rule: among 0 and 1 the lower wins (a match anywhere); above that the higher (an error). */
function combine(res: number, r: number): number {
  return r <= 1 && res <= 1 ? Math.min(res, r) : Math.max(res, r);
}

function message(err: unknown): string {
  if (isNnzipError(err)) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return 'No such file or directory';
  if (e?.code === 'EACCES') return 'Permission denied';
  if (e?.code === 'EISDIR') return 'Is a directory';
  return e instanceof Error ? e.message : String(err);
}

/** Runs grep on one input; resolves to grep's status (2 for our own failure). */
async function grepOne(grep: string, args: GrepArgs, file: string, multiple: boolean): Promise<number> {
  const label = file === '-' ? '(standard input)' : file;
  let input: Readable;
  try {
    input = file === '-' ? process.stdin : fs.createReadStream(file, { fd: fs.openSync(file, 'r') });
  } catch (err) {
    if (!args.quietErrors) process.stderr.write(`nngrep: ${file}: ${message(err)}\n`);
    return 2;
  }
  const grepArgv = [...args.options, `--label=${label}`];
  // As zgrep: file names on each line when several files are searched, unless -h.
  if (multiple && args.withFilename === null) grepArgv.push('-H');
  grepArgv.push('--');
  if (args.pattern !== null) grepArgv.push(args.pattern);
  const child = spawn(grep, grepArgv, { stdio: ['pipe', 'inherit', 'inherit'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`nngrep: ${grep}: ${message(err)}\n`);
      resolve({ code: 2, signal: null });
    });
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  let failed: unknown = null;
  try {
    const s = await sniff(input);
    const stages = s.isNnzip ? decodingStages('copy') : [new PassThrough()];
    await decodePipeline([s.stream, ...stages, child.stdin]);
  } catch (err) {
    // grep stopping early (-l, -q, -m) closes its input: not a failure.
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'EPIPE' && code !== 'ERR_STREAM_PREMATURE_CLOSE' && code !== 'ERR_STREAM_DESTROYED') failed = err;
    input.destroy();
    child.stdin.destroy();
  }
  const { code, signal } = await exited;
  if (signal !== null) {
    // grep died of a signal (SIGPIPE: our reader went away): die of it too, as zgrep.
    const noop = (): void => {};
    process.on(signal, noop);
    process.off(signal, noop);
    process.kill(process.pid, signal);
    return 2;
  }
  if (failed !== null) {
    if (!args.quietErrors) process.stderr.write(`nngrep: ${file}: ${message(failed)}\n`);
    return 2;
  }
  return code ?? 2;
}

export async function main(argv: string[]): Promise<number> {
  let args: GrepArgs;
  try {
    args = parseGrepArgs(argv);
  } catch (err) {
    if (!(err instanceof Usage)) throw err;
    process.stderr.write(`nngrep: ${err.message}\nUsage: nngrep [GREP OPTION]... PATTERN [FILE]...\n`);
    return 2;
  }
  const grep = process.env.GREP || 'grep';
  const files = args.files.length === 0 ? ['-'] : args.files;
  let res = 1;
  for (const f of files) res = combine(res, await grepOne(grep, args, f, files.length > 1));
  return res;
}

/** Entry point of bin/nngrep. */
export function run(argv: string[] = process.argv.slice(2)): void {
  if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-V' || argv[0] === '--version')) {
    process.stdout.write(
      argv[0] === '--help'
        ? 'Usage: nngrep [GREP OPTION]... PATTERN [FILE]...\nSearch nnzip files (and plain ones) for PATTERN with grep; see grep --help for the options.\n'
        : 'nngrep (nnzip)\n',
    );
    return;
  }
  main(argv).then(
    (status) => {
      process.exitCode = status;
    },
    (err) => {
      process.stderr.write(`nngrep: ${message(err)}\n`);
      process.exitCode = 2;
    },
  );
}
