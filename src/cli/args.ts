/**
 * Command-line parsing in gzip's dialect. Hand-written because util.parseArgs
 * cannot take digits as flags (-1..-9, -9c), nor abbreviated long options
 * (--decomp), both of which gzip users type.
 */

export interface CliOptions {
  decompress: boolean;
  stdout: boolean;
  keep: boolean;
  force: boolean;
  test: boolean;
  list: boolean;
  /** 0 = quiet, 1 = normal, 2+ = verbose. */
  verbosity: number;
  recursive: boolean;
  level: number | undefined;
  suffix: string;
  help: boolean;
  version: boolean;
  license: boolean;
  /** --progress (draw even for standard output or a non-terminal), --no-progress, or auto. */
  progress: 'auto' | 'always' | 'never';
  /** -T N / --threads=N: coding threads (0 = every core); undefined = the library's default (every core). */
  threads: number | undefined;
  /** --explain[=N]: print the N most surprising lines instead of compressing (undefined: not asked). */
  explain: number | undefined;
  /** --html (with --explain): the report as one HTML page. */
  html: boolean;
  /** Options gzip has that nnzip accepts but ignores, with a note printed unless -q. */
  ignored: string[];
}

export class UsageError extends Error {}

export const DEFAULT_SUFFIX = '.nnz';
/** --explain without =N. */
export const DEFAULT_EXPLAIN_LINES = 20;

type Flag =
  | 'stdout'
  | 'decompress'
  | 'force'
  | 'help'
  | 'keep'
  | 'list'
  | 'license'
  | 'no-name'
  | 'name'
  | 'quiet'
  | 'recursive'
  | 'test'
  | 'verbose'
  | 'version'
  | 'fast'
  | 'best'
  | 'ascii'
  | 'synchronous'
  | 'rsyncable'
  | 'progress'
  | 'no-progress'
  | 'suffix'
  | 'threads'
  | 'explain'
  | 'html';

const SHORT: Record<string, Flag> = {
  a: 'ascii',
  c: 'stdout',
  d: 'decompress',
  f: 'force',
  h: 'help',
  k: 'keep',
  l: 'list',
  L: 'license',
  n: 'no-name',
  N: 'name',
  q: 'quiet',
  r: 'recursive',
  S: 'suffix',
  T: 'threads',
  t: 'test',
  v: 'verbose',
  V: 'version',
};

/** Long names (gzip's spellings and aliases) and what they mean. */
const LONG: Record<string, Flag> = {
  ascii: 'ascii',
  stdout: 'stdout',
  'to-stdout': 'stdout',
  decompress: 'decompress',
  uncompress: 'decompress',
  force: 'force',
  help: 'help',
  keep: 'keep',
  list: 'list',
  license: 'license',
  'no-name': 'no-name',
  name: 'name',
  quiet: 'quiet',
  silent: 'quiet',
  recursive: 'recursive',
  suffix: 'suffix',
  test: 'test',
  threads: 'threads',
  verbose: 'verbose',
  version: 'version',
  fast: 'fast',
  best: 'best',
  synchronous: 'synchronous',
  rsyncable: 'rsyncable',
  progress: 'progress',
  'no-progress': 'no-progress',
  explain: 'explain',
  html: 'html',
};

export function defaultOptions(): CliOptions {
  return {
    decompress: false,
    stdout: false,
    keep: false,
    force: false,
    test: false,
    list: false,
    verbosity: 1,
    recursive: false,
    level: undefined,
    suffix: DEFAULT_SUFFIX,
    help: false,
    version: false,
    license: false,
    progress: 'auto',
    threads: undefined,
    explain: undefined,
    html: false,
    ignored: [],
  };
}

/** Long options added after the others: abbreviated only where no older option matches. */
const LATE_LONG: ReadonlySet<string> = new Set(['explain', 'html']);

/** Resolves `--decomp` to `decompress` as getopt_long does: exact match, else a unique prefix. */
function lookupLong(name: string): Flag {
  if (Object.prototype.hasOwnProperty.call(LONG, name)) return LONG[name];
  let hits = Object.keys(LONG).filter((k) => k.startsWith(name));
  // Later additions never make an abbreviation that worked ambiguous (`--h` stays --help).
  if (hits.some((k) => !LATE_LONG.has(k))) hits = hits.filter((k) => !LATE_LONG.has(k));
  const meanings = new Set(hits.map((k) => LONG[k]));
  if (meanings.size === 1) return LONG[hits[0]];
  if (meanings.size > 1) throw new UsageError(`option '--${name}' is ambiguous; possibilities: ${hits.map((h) => '--' + h).join(' ')}`);
  throw new UsageError(`unrecognized option '--${name}'`);
}

function apply(o: CliOptions, flag: Flag, spelled: string): void {
  switch (flag) {
    case 'stdout':
      o.stdout = true;
      break;
    case 'decompress':
      o.decompress = true;
      break;
    case 'force':
      o.force = true;
      break;
    case 'help':
      o.help = true;
      break;
    case 'keep':
      o.keep = true;
      break;
    case 'list':
      o.list = true;
      break;
    case 'license':
      o.license = true;
      break;
    case 'quiet':
      o.verbosity = 0;
      break;
    case 'verbose':
      o.verbosity = Math.max(o.verbosity, 1) + 1;
      break;
    case 'recursive':
      o.recursive = true;
      break;
    case 'test':
      o.test = true;
      break;
    case 'version':
      o.version = true;
      break;
    case 'fast':
      o.level = 1;
      break;
    case 'best':
      o.level = 9;
      break;
    case 'no-name':
    case 'name':
    case 'synchronous':
      // Harmless to accept: the format stores no name or time stamp (the
      // file's own mode and mtime are copied as gzip does), and output files
      // are always fsynced before the input is removed.
      break;
    case 'progress':
      o.progress = 'always';
      break;
    case 'no-progress':
      o.progress = 'never';
      break;
    case 'ascii':
    case 'rsyncable':
      o.ignored.push(spelled);
      break;
    case 'explain':
      o.explain ??= DEFAULT_EXPLAIN_LINES;
      break;
    case 'html':
      o.html = true;
      break;
    case 'suffix':
    case 'threads':
      break; // handled by the caller, which has the value
  }
}

/** xz's -T: a number of threads, 0 for every core. */
function parseThreads(v: string): number {
  if (!/^[0-9]+$/.test(v) || Number(v) > 256) throw new UsageError(`invalid number of threads '${v}' (0 to 256; 0 = every core)`);
  return Number(v);
}

function checkSuffix(s: string): string {
  if (s.includes('/')) throw new UsageError(`invalid suffix '${s}'`);
  return s;
}

/** Parses argv (without node and script); returns the options and the operands in order. */
export function parseArgs(argv: readonly string[], base: CliOptions = defaultOptions()): { options: CliOptions; files: string[] } {
  const o: CliOptions = { ...base, ignored: [...base.ignored] };
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      files.push(...argv.slice(i + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      const flag = lookupLong(name);
      if (flag === 'suffix' || flag === 'threads') {
        let value: string | undefined;
        if (eq >= 0) value = arg.slice(eq + 1);
        else if (i + 1 < argv.length) value = argv[++i];
        if (value === undefined) throw new UsageError(`option '--${flag}' requires an argument`);
        if (flag === 'threads') o.threads = parseThreads(value);
        else o.suffix = checkSuffix(value);
      } else if (flag === 'explain' && eq >= 0) {
        // An optional argument, as getopt's: only in the --explain=N form.
        const v = arg.slice(eq + 1);
        if (!/^[0-9]+$/.test(v) || Number(v) < 1 || Number(v) > 100000) throw new UsageError(`invalid number of lines '${v}' for --explain (1 to 100000)`);
        o.explain = Number(v);
      } else {
        if (eq >= 0) throw new UsageError(`option '--${name}' doesn't allow an argument`);
        apply(o, flag, '--' + name);
      }
      continue;
    }
    if (arg.length > 1 && arg[0] === '-') {
      // A group of short flags: -dc, -9c, -kS.x, -S .x
      for (let j = 1; j < arg.length; j++) {
        const ch = arg[j];
        if (ch >= '1' && ch <= '9') {
          o.level = ch.charCodeAt(0) - 48;
          continue;
        }
        if (ch === '0') throw new UsageError(`invalid option -- '0' (levels are 1 to 9)`);
        const flag = SHORT[ch];
        if (flag === undefined) throw new UsageError(`invalid option -- '${ch}'`);
        if (flag === 'suffix' || flag === 'threads') {
          let value: string;
          if (j + 1 < arg.length) value = arg.slice(j + 1);
          else if (i + 1 < argv.length) value = argv[++i];
          else throw new UsageError(`option requires an argument -- '${ch}'`);
          if (flag === 'threads') o.threads = parseThreads(value);
          else o.suffix = checkSuffix(value);
          break;
        }
        apply(o, flag, '-' + ch);
      }
      continue;
    }
    files.push(arg);
  }
  return { options: o, files };
}
