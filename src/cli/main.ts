/**
 * nnzip, nnunzip and nncat: the command line, in gzip's manner (flags, file
 * handling, messages, exit status 0 / 1 error / 2 warning), on top of the
 * library's streams. Imports only the library; see progress.ts for the bar.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PassThrough, Readable, Transform, TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { getSystemErrorMap } from 'node:util';
import { createCompressor, createDecompressor, isNnzipError, MAGIC } from '../index';
import { CliOptions, defaultOptions, parseArgs, UsageError } from './args';
import { fileSource, ListInfo, listHeader, listLine, savings, bitsPerByte, streamSource, walkContainer } from './list';
import { fileSink, nullSink, removeTemps, Sink, stdoutSink, TaggedError } from './output';
import { createProgress, DEFAULT_PROGRESS_MIN_BYTES, NO_PROGRESS, ProgressSink } from './progress';
import { ignoredAtStart } from './signals';
import type { WriteStream } from 'node:tty';

export type ProgramName = 'nnzip' | 'nnunzip' | 'nncat';

const OK = 0;
const ERROR = 1;
const WARNING = 2;

/** Thrown to stop processing further operands (stdout is gone). */
class BrokenPipe extends Error {}

function version(): string {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version?: string };
    return pkg.version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function helpText(prog: string): string {
  return `Usage: ${prog} [OPTION]... [FILE]...
Compress or decompress FILEs with a neural network that learns as it goes
(by default, compress FILEs in place: FILE becomes FILE.nnz).

  -c, --stdout      write on standard output, keep original files unchanged
  -d, --decompress  decompress
  -f, --force       force overwrite of output file, compress links, and
                    with -dc pass data that is not nnzip through unchanged
  -h, --help        give this help
  -k, --keep        keep (don't delete) input files
  -l, --list        list compressed file sizes, ratio, bits per byte, level
  -L, --license     display software license
  -n, --no-name     accepted for gzip compatibility (no name is ever stored)
  -N, --name        accepted for gzip compatibility (no name is ever stored)
  -q, --quiet       suppress all warnings and the progress bar
      --progress    show a progress bar even when writing to standard output
      --no-progress never show a progress bar
  -r, --recursive   operate recursively on directories
  -S, --suffix=SUF  use suffix SUF on compressed files (default .nnz)
      --synchronous accepted for gzip compatibility (output is always synced)
  -t, --test        test compressed file integrity
  -v, --verbose     verbose mode
  -V, --version     display version number
  -1, --fast        compress faster
  -9, --best        compress better (default -6)

With no FILE, or when FILE is -, read standard input and write standard output.
nnunzip is nnzip -d; nncat is nnzip -dc; nngrep, nnless and nnmore search and
page through .nnz files as zgrep, zless and zmore do.
`;
}

function systemMessage(err: unknown): string {
  if (isNnzipError(err)) return err.message;
  const e = err as NodeJS.ErrnoException;
  if (typeof e?.errno === 'number') {
    const m = getSystemErrorMap().get(e.errno);
    if (m) return m[1][0].toUpperCase() + m[1].slice(1);
  }
  return e instanceof Error ? e.message : String(err);
}

/** Counts bytes going by and feeds the progress bar. */
class Counter extends Transform {
  bytes = 0;
  constructor(private readonly onCount: (chunk: Buffer) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    this.onCount(chunk);
    cb(null, chunk);
  }
}

/** Re-yields a stream's bytes after reading far enough to see whether it starts with the magic. */
export async function sniff(src: Readable): Promise<{ isNnzip: boolean; stream: Readable }> {
  const it = src[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let len = 0;
  let done = false;
  while (len < MAGIC.length) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value as Buffer);
    len += (r.value as Buffer).length;
  }
  const first = Buffer.concat(head);
  const isNnzip = first.length >= MAGIC.length && first.subarray(0, MAGIC.length).equals(MAGIC);
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value as Buffer;
    }
  }
  return { isNnzip, stream: Readable.from(rest(), { objectMode: false }) };
}

type Mode = 'compress' | 'decompress' | 'test' | 'list';

/** As gzip with .GZ: the suffix is recognised in any case (NAME.NNZ, NAME.Nnz). */
export function hasSuffix(name: string, suffix: string): boolean {
  return suffix !== '' && name.length >= suffix.length && name.slice(-suffix.length).toLowerCase() === suffix.toLowerCase();
}

/**
 * What a set-user-ID, set-group-ID or sticky bit makes of a file we would
 * replace, as gzip words it; null if none. gzip refuses set-id files even
 * with -f (a compressed copy would lose the bit) and sticky ones unless -f.
 */
function specialBits(mode: number, force: boolean): string | null {
  if (mode & 0o4000) return 'is set-user-ID on execution - ignored';
  if (mode & 0o2000) return 'is set-group-ID on execution - ignored';
  if (mode & 0o1000 && !force) return 'has the sticky bit set - file ignored';
  return null;
}

export class Cli {
  status = OK;
  private readonly mode: Mode;
  private listed: ListInfo[] = [];
  private listHeaderShown = false;
  private usedStdout = false;
  private progress: ProgressSink | null = null;
  /** What to do when standard output's reader is gone; run() makes it die of SIGPIPE. */
  onBrokenPipe: () => void = () => {};

  constructor(
    private readonly prog: string,
    private readonly o: CliOptions,
  ) {
    this.mode = o.list ? 'list' : o.test ? 'test' : o.decompress ? 'decompress' : 'compress';
  }

  private say(line: string): void {
    process.stderr.write(line + '\n');
  }

  error(file: string | null, msg: string): void {
    this.stopProgress();
    this.say(file === null ? `${this.prog}: ${msg}` : `${this.prog}: ${file}: ${msg}`);
    this.status = ERROR;
  }

  /** A warning: printed unless -q, and exit status 2 if nothing worse happens. */
  warn(msg: string): void {
    if (this.o.verbosity > 0) {
      this.stopProgress();
      this.say(`${this.prog}: ${msg}`);
    }
    if (this.status === OK) this.status = WARNING;
  }

  private stopProgress(): void {
    if (this.progress !== null) {
      this.progress.stop();
      this.progress = null;
    }
  }

  /** Stops the bar and removes temporary files; used on signals and broken pipes. */
  shutdown(): void {
    this.stopProgress();
    removeTemps();
  }

  async run(files: string[]): Promise<number> {
    if (files.length === 0) files = ['-'];
    const writesStdout = this.mode === 'compress' && (this.o.stdout || files.includes('-'));
    if (writesStdout && !this.o.force && process.stdout.isTTY) {
      this.error(null, `compressed data not written to a terminal. Use -f to force compression.\nFor help, type: ${this.prog} -h`);
      return this.status;
    }
    if (this.o.suffix === '' && (this.mode === 'compress' || this.mode === 'decompress') && !this.o.stdout) {
      this.error(null, `invalid suffix ''`);
      return this.status;
    }
    try {
      for (const f of files) await this.treat(f, false);
      if (this.mode === 'list' && this.listed.length > 1 && this.o.verbosity > 0) this.printTotals();
    } catch (err) {
      if (!(err instanceof BrokenPipe)) throw err;
    }
    if (this.usedStdout) syncStdout();
    return this.status;
  }

  private async treat(name: string, inRecursion: boolean): Promise<void> {
    if (name === '-') return this.treatStdin();
    const o = this.o;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(name);
    } catch (err) {
      // As gzip: `nnzip -d foo` finds foo.nnz.
      const alt = name + o.suffix;
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' && this.mode !== 'compress' && o.suffix !== '' && !hasSuffix(name, o.suffix) && fs.existsSync(alt)) {
        return this.treat(alt, inRecursion);
      }
      this.error(name, systemMessage(err));
      return;
    }
    const toFile = !o.stdout && (this.mode === 'compress' || this.mode === 'decompress');
    if (st.isSymbolicLink()) {
      // Replacing a link by LINK.nnz loses the link: only with -f. Reading through one (-c, -t, -l) is fine.
      if (toFile && !o.force) {
        this.warn(`${name} is a symbolic link -- ignored (use -f to follow it)`);
        return;
      }
      try {
        st = fs.statSync(name);
      } catch (err) {
        this.error(name, systemMessage(err));
        return;
      }
    }
    if (st.isDirectory()) {
      if (o.recursive) {
        let entries: string[];
        try {
          entries = fs.readdirSync(name).sort();
        } catch (err) {
          this.error(name, systemMessage(err));
          return;
        }
        for (const e of entries) await this.treat(path.join(name, e), true);
        return;
      }
      this.warn(`${name} is a directory -- ignored`);
      return;
    }
    if (!st.isFile() && toFile) {
      this.warn(`${name} is not a directory or a regular file -- ignored`);
      return;
    }
    if (this.mode === 'list') return this.listFile(name, st);

    let outName: string | null = null;
    if (toFile) {
      if (this.mode === 'decompress') {
        if (!hasSuffix(name, o.suffix) || path.basename(name).length === o.suffix.length) {
          // With -r, files without the suffix are simply not ours (as gzip).
          if (!inRecursion || o.verbosity > 1) this.warn(`${name}: unknown suffix -- ignored`);
          return;
        }
        outName = name.slice(0, -o.suffix.length);
      } else {
        if (hasSuffix(name, o.suffix) && !o.force) {
          // gzip 1.12 prints this but exits 0 for it, so `set -e; nnzip *` survives a .nnz among the files.
          if ((!inRecursion && o.verbosity > 0) || o.verbosity > 1) this.say(`${this.prog}: ${name} already has ${name.slice(-o.suffix.length)} suffix -- unchanged`);
          return;
        }
        outName = name + o.suffix;
      }
      const special = specialBits(st.mode, o.force);
      if (special !== null) {
        this.warn(`${name} ${special}`);
        return;
      }
      if (st.nlink > 1 && !o.force) {
        const n = st.nlink - 1;
        this.warn(`${name} has ${n} other link${n > 1 ? 's' : ''} -- unchanged`);
        return;
      }
      let existing: fs.Stats | null = null;
      try {
        existing = fs.lstatSync(outName);
      } catch {
        // the usual case: nothing there
      }
      // With -f the rename replaces it (and fails, cleanly, if it is a directory).
      if (existing !== null && !o.force) {
        this.warn(`${outName} already exists; not overwritten`);
        return;
      }
    }

    let fd: number;
    try {
      fd = fs.openSync(name, fs.constants.O_RDONLY | (toFile && !o.force ? fs.constants.O_NOFOLLOW : 0));
    } catch (err) {
      this.error(name, systemMessage(err));
      return;
    }
    let opened: fs.Stats;
    try {
      // The size and time the change check compares with: of what was opened, not of the name looked at before.
      opened = fs.fstatSync(fd);
    } catch (err) {
      fs.closeSync(fd);
      this.error(name, systemMessage(err));
      return;
    }
    const input = fs.createReadStream(name, { fd, highWaterMark: 1 << 18 });
    let sink: Sink;
    try {
      sink = outName !== null ? fileSink(outName, st) : this.mode === 'test' ? nullSink() : stdoutSink();
    } catch (err) {
      input.destroy();
      this.error((err as TaggedError).nnzipFile ?? name, systemMessage(err));
      return;
    }
    const regular = opened.isFile();
    const verify = regular ? (inBytes: number) => this.changed(name, opened, inBytes, outName !== null) : undefined;
    const result = await this.convert(input, regular ? await this.rawSize(fd, opened.size, sink.kind === 'stdout') : undefined, name, sink, verify);
    if (result === null) return;
    if (outName !== null && !o.keep) {
      try {
        fs.unlinkSync(name);
      } catch (err) {
        this.error(name, systemMessage(err));
        return;
      }
    }
    this.report(name, result, outName);
  }

  /**
   * Whether the input changed while we read it (a log still being written or
   * truncated): the bytes read against the size at open, and the name's size,
   * time and inode now. If so, a warning, and the output is not kept: it
   * matches neither version of the input, which is kept instead. Returns
   * true if it changed.
   */
  private changed(name: string, opened: fs.Stats, inBytes: number, toFile: boolean): boolean {
    let now: fs.Stats | null = null;
    try {
      now = fs.statSync(name);
    } catch {
      // moved or removed while we read it
    }
    const what = this.mode === 'compress' ? 'compressed' : 'decompressed';
    let why: string | null = null;
    if (inBytes !== opened.size) why = `file size changed while being ${what} (${opened.size} bytes at the start, ${inBytes} read)`;
    else if (now === null) why = `file moved or removed while being ${what}`;
    else if (now.ino !== opened.ino || now.dev !== opened.dev) why = `file replaced while being ${what}`;
    else if (now.size !== opened.size || now.mtimeMs !== opened.mtimeMs) why = `file changed while being ${what}`;
    if (why === null) return false;
    this.warn(`${name}: ${why}${toFile ? ' -- unchanged, no output kept' : ''}`);
    return true;
  }

  private async treatStdin(): Promise<void> {
    const o = this.o;
    if (this.mode !== 'compress' && !o.force && process.stdin.isTTY) {
      this.error(null, `compressed data not read from a terminal. Use -f to force decompression.\nFor help, type: ${this.prog} -h`);
      return;
    }
    let size: number | undefined;
    try {
      const st = fs.fstatSync(0);
      if (st.isFile()) size = st.size;
    } catch {
      // no usable standard input; reading it will report the problem
    }
    if (this.mode === 'list') {
      try {
        // gzip -l names what standard input decompresses to `stdout`.
        this.printListed(await walkContainer(streamSource(process.stdin)), 'stdout');
      } catch (err) {
        this.error('stdin', systemMessage(err));
      }
      return;
    }
    const sink = this.mode === 'test' ? nullSink() : stdoutSink();
    if (size !== undefined) size = await this.rawSize(0, size, sink.kind === 'stdout');
    const result = await this.convert(process.stdin, size, 'stdin', sink);
    if (result !== null) this.report('stdin', result, null);
  }

  /**
   * The uncompressed size of a regular file of `size` bytes: itself when
   * compressing; when decompressing, read from the frame headers (only if a
   * bar may be drawn: it costs a read per frame), or undefined if they are
   * damaged (the decoder will say so).
   */
  private async rawSize(fd: number, size: number, toStdout: boolean): Promise<number | undefined> {
    if (this.mode === 'compress') return size;
    if (!this.progressWanted(toStdout)) return undefined;
    try {
      return (await walkContainer(fileSource(fd, size))).uncompressed;
    } catch {
      return undefined;
    }
  }

  /** Runs one input through the codec into `sink`; on failure reports it, cleans up and returns null. */
  private async convert(
    input: Readable,
    size: number | undefined,
    label: string,
    sink: Sink,
    changed?: (inBytes: number) => boolean,
  ): Promise<{ inBytes: number; outBytes: number } | null> {
    const toStdout = sink.kind === 'stdout';
    if (toStdout) this.usedStdout = true;
    const progress = this.startProgress(label, size, toStdout);
    const packedIn = this.mode !== 'compress';
    const countIn = new Counter((c) => {
      if (packedIn) progress.tally(c);
      progress.update(countIn.bytes, countOut.bytes);
    });
    const countOut = new Counter((c) => {
      if (!packedIn) progress.tally(c);
      progress.update(countIn.bytes, countOut.bytes);
    });
    try {
      let source: Readable = input;
      let codec: NodeJS.ReadWriteStream;
      let garbage = false;
      if (this.mode === 'compress') {
        codec = createCompressor({ level: this.o.level, sizeHint: size });
      } else if (this.o.force && toStdout) {
        // zcat -f: what is not nnzip data is copied through as it is, before
        // the first stream or after the last (gzip's "mixed" input).
        const s = await sniff(input);
        source = s.stream;
        codec = s.isNnzip ? createDecompressor({ trailing: 'copy' }) : new PassThrough();
      } else {
        // As gzip: trailing garbage is dropped with a warning (exit status 2),
        // the output kept; zero padding (tape blocks) is ignored silently.
        const d = createDecompressor({ trailing: 'ignore' });
        d.once('trailing', () => {
          garbage = true;
        });
        codec = d;
      }
      await pipeline(source, countIn, codec, countOut, sink.writable);
      if (changed !== undefined && changed(countIn.bytes)) {
        this.stopProgress();
        sink.abort();
        return null;
      }
      sink.commit();
      if (garbage) this.warn(`${label}: decompression OK, trailing garbage ignored`);
    } catch (err) {
      this.stopProgress();
      sink.abort();
      input.destroy();
      const e = err as TaggedError & NodeJS.ErrnoException;
      if (e.code === 'EPIPE' && e.nnzipFile === 'stdout') {
        this.shutdown();
        this.onBrokenPipe();
        throw new BrokenPipe();
      }
      this.error(e.nnzipFile ?? label, systemMessage(err));
      return null;
    }
    this.stopProgress();
    return { inBytes: countIn.bytes, outBytes: countOut.bytes };
  }

  /**
   * zstd's rule: a bar only when standard error is a terminal and the output
   * is not standard output. Data on stdout usually ends on the same terminal
   * (`nncat f.nnz | less`, `| grep | head`, `tar -xvf`), where a bar garbles
   * it. --progress forces a bar (even under -q); -q and --no-progress prevent it.
   */
  private progressWanted(toStdout: boolean): boolean {
    if (this.o.progress !== 'auto') return this.o.progress === 'always';
    return this.o.verbosity > 0 && !toStdout && process.stderr.isTTY === true;
  }

  /** `rawSize`: the uncompressed size if known, for the bar's 100%. */
  private startProgress(label: string, rawSize: number | undefined, toStdout: boolean): ProgressSink {
    const err = process.stderr as WriteStream;
    if (!this.progressWanted(toStdout)) return NO_PROGRESS;
    const env = Number(process.env.NNZIP_PROGRESS_MIN_BYTES);
    const forced = this.o.progress === 'always';
    // Forced means forced: no size threshold either.
    const minBytes = forced ? 0 : Number.isFinite(env) && env >= 0 && process.env.NNZIP_PROGRESS_MIN_BYTES !== '' ? env : DEFAULT_PROGRESS_MIN_BYTES;
    this.progress = createProgress({ label, total: rawSize, decompress: this.mode !== 'compress', stream: err, minBytes, forced });
    return this.progress;
  }

  private report(label: string, r: { inBytes: number; outBytes: number }, outName: string | null): void {
    if (this.o.verbosity < 2) return;
    if (this.mode === 'test') {
      this.say(`${label}:\t OK`);
      return;
    }
    const [raw, packed] = this.mode === 'compress' ? [r.inBytes, r.outBytes] : [r.outBytes, r.inBytes];
    let line = `${label}:\t${savings(packed, raw).padStart(6)} (${bitsPerByte(packed, raw)} bits/byte)`;
    if (outName !== null) line += ` -- ${this.o.keep ? 'created' : 'replaced with'} ${outName}`;
    this.say(line);
  }

  private async listFile(name: string, st: fs.Stats): Promise<void> {
    let fd: number;
    try {
      fd = fs.openSync(name, 'r');
    } catch (err) {
      this.error(name, systemMessage(err));
      return;
    }
    const shown = hasSuffix(name, this.o.suffix) ? name.slice(0, -this.o.suffix.length) : name;
    try {
      const src = st.isFile() ? fileSource(fd, st.size) : streamSource(fs.createReadStream(name, { fd, autoClose: false }));
      this.printListed(await walkContainer(src), shown);
    } catch (err) {
      this.error(name, systemMessage(err));
    } finally {
      fs.closeSync(fd);
    }
  }

  private printListed(info: ListInfo, name: string): void {
    const verbose = this.o.verbosity > 1;
    if (!this.listHeaderShown && this.o.verbosity > 0) {
      process.stdout.write(listHeader(verbose) + '\n');
      this.listHeaderShown = true;
    }
    this.listed.push(info);
    process.stdout.write(listLine(info, name, verbose) + '\n');
  }

  private printTotals(): void {
    const t: ListInfo = { compressed: 0, uncompressed: 0, streams: 0, frames: 0, levels: [] };
    for (const i of this.listed) {
      t.compressed += i.compressed;
      t.uncompressed += i.uncompressed;
      t.streams += i.streams;
      t.frames += i.frames;
    }
    process.stdout.write(listLine(t, '(totals)', this.o.verbosity > 1, true) + '\n');
  }
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
    process.stdout.write(helpText(prog));
    return;
  }
  if (options.version || options.license) {
    process.stdout.write(`${prog === 'nnzip' ? 'nnzip' : `${prog} (nnzip)`} ${version()}\n`);
    if (options.license) process.stdout.write('License: MIT. This is free software: you are free to change and redistribute it.\nThere is NO WARRANTY, to the extent permitted by law.\n');
    return;
  }
  if (options.verbosity > 0) {
    for (const flag of options.ignored) process.stderr.write(`${prog}: option ${flag} ignored by nnzip\n`);
  }

  const cli = new Cli(prog, options);
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    cli.shutdown();
    if (err.code === 'EPIPE') brokenPipe(prog);
    process.stderr.write(`${prog}: stdout: ${systemMessage(err)}\n`);
    process.exit(ERROR);
  });
  cli.onBrokenPipe = () => brokenPipe(prog);
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
      cli.shutdown();
      // Die of the same signal so that the caller (a shell, tar) sees it.
      process.kill(process.pid, sig);
    });
  }
  process.on('exit', () => removeTemps());

  cli.run(files).then(
    (status) => {
      process.exitCode = status;
    },
    (err) => {
      cli.shutdown();
      process.stderr.write(`${prog}: ${systemMessage(err)}\n`);
      process.exitCode = ERROR;
    },
  );
}
