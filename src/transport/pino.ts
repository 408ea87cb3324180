/**
 * nnzip/pino: a pino transport that writes the log as .nnz files.
 *
 *   const transport = pino.transport({ target: 'nnzip/pino', options: { file: 'logs/app.log.nnz', size: '100m' } });
 *   const log = pino(transport);
 *
 * pino runs a transport in a worker thread of its own (thread-stream), so
 * compressing never runs on the app's event loop; the app's writes go into a
 * shared buffer and, when the compressor falls behind, into memory, never
 * blocking (pino's exit handler waits up to 10 s for the backlog).
 *
 * Durability: a timer ends the current frame at most `flushInterval` ms after
 * a line came in (the compressor's flush()), and its bytes are written to the
 * file (synchronous writes, in this worker) before the flush counts as done:
 * if the process dies, every line before the last completed flush decodes
 * (`nncat` writes them, then says the stream ends early). Each completed
 * flush is told to the app as a thread-stream event:
 * `transport.on('nnzip:flush', ({ lines, file }) => ...)`, `lines` being how
 * many lines since the transport started are on disk and decodable.
 *
 * Files: `file` names them, with `%n` for the file's number and `%Y %m %d %H
 * %M %S` for the local time it was opened. Without `%n`, `.%n` goes before a
 * final `.nnz` (or at the end): `app.log.nnz` is written as `app.log.1.nnz`,
 * `app.log.2.nnz`, ... A file is never appended to or overwritten: the
 * number starts after the highest one already there (a stream after one cut
 * short by a crash would not decode). Rotation (`size` of the compressed
 * file, `frequency` hourly, daily or every so many ms) ends the current file
 * properly (end record, closed) before the next one is opened; a file is
 * opened at its first line, so an idle logger leaves no empty files.
 */
import build from 'pino-abstract-transport';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { once } from 'node:events';
import { parentPort, workerData } from 'node:worker_threads';
import { createCompressor } from '../index';
import { resolveCompressOptions } from '../options';
import type { Compressor } from '../stream/compressor';

export interface PinoNnzipOptions {
  /** Path of the files, with `%n` (number) and `%Y %m %d %H %M %S` (local time at opening); see above. */
  file: string;
  /** Rotate once the current file holds this many compressed bytes: a number, or a string such as '512k', '100m', '1g'. */
  size?: number | string;
  /** Rotate at each local hour ('hourly') or midnight ('daily'), or every so many ms (counted from the epoch). */
  frequency?: 'hourly' | 'daily' | number;
  /** Longest time (ms) a line waits before its frame is ended and on disk (default 1000; 0: only on rotation and close). */
  flushInterval?: number;
  /** Create the file's directory if missing (default false). */
  mkdir?: boolean;
  /** fdatasync after each flush: survives a machine crash, not only the process's (default false). */
  fsync?: boolean;
  /** Compression level 1-9 (default 6; 1 is about 1.4 times faster, about 6 % larger on logs). */
  level?: number;
  /** Model table size (see the compressor's tableBits; default the level's). */
  tableBits?: number;
}

export const DEFAULT_FLUSH_INTERVAL = 1000;

/** The transport: pino calls it in its worker thread with `options`. */
export default async function nnzipTransport(options: PinoNnzipOptions): Promise<ReturnType<typeof build>> {
  const files = new NnzFiles(options, threadStreamEvents());
  const stream = build(
    async (source) => {
      for await (const line of source as AsyncIterable<string>) {
        if (!files.ready) await files.whenReady();
        files.write(line);
      }
    },
    {
      parse: 'lines',
      // Lines are handed on as pino wrote them: no JSON.parse of each.
      parseLine: (line: string) => line,
      metadata: false,
      close: async () => {
        await files.close();
      },
    },
  );
  // (A failed write or compressor fails the transport: pino reports it in the app.)
  files.onError = (err) => stream.destroy(err);
  return stream;
}

/** Events for the app's side of pino's transport stream, when this runs in one of thread-stream's workers. */
function threadStreamEvents(): (name: string, args: unknown) => void {
  const inThreadStream = parentPort !== null && workerData !== null && typeof workerData === 'object' && workerData.stateBuf instanceof SharedArrayBuffer;
  if (!inThreadStream) return () => {};
  return (name, args) => parentPort!.postMessage({ code: 'EVENT', name, args: [args] });
}

interface OpenFile {
  path: string;
  fd: number;
  compressor: Compressor;
  /** Compressed bytes written to the file. */
  bytes: number;
  lines: number;
}

/** The files one transport writes: one open at a time, in order. */
export class NnzFiles {
  private readonly pattern: string;
  private readonly maxBytes: number;
  private readonly frequency: 'hourly' | 'daily' | number | undefined;
  private readonly flushInterval: number;
  private readonly options: PinoNnzipOptions;
  private readonly notify: (name: string, args: unknown) => void;
  private current: OpenFile | null = null;
  /** The current file being ended (rotation or close); lines wait for it. */
  private ending: Promise<void> | null = null;
  private rotateDue = false;
  private closed = false;
  /** Lines taken in, and lines known to be on disk in complete frames. */
  private linesIn = 0;
  private linesDurable = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  /** The current compressor's write() asked to wait for 'drain'; and who waits. */
  private needDrain = false;
  private drained: (() => void) | null = null;
  private rotateTimer: NodeJS.Timeout | null = null;

  constructor(options: PinoNnzipOptions, notify: (name: string, args: unknown) => void = () => {}) {
    if (options === null || typeof options !== 'object' || typeof options.file !== 'string' || options.file === '') {
      throw new TypeError('nnzip/pino: options.file (the path of the .nnz files) is required');
    }
    this.options = options;
    this.notify = notify;
    this.pattern = numbered(options.file);
    this.maxBytes = options.size === undefined ? Infinity : parseSize(options.size);
    this.frequency = options.frequency;
    if (this.frequency !== undefined && this.frequency !== 'hourly' && this.frequency !== 'daily' && !(Number.isInteger(this.frequency) && this.frequency > 0)) {
      throw new TypeError(`nnzip/pino: frequency must be 'hourly', 'daily' or a number of ms, not ${String(this.frequency)}`);
    }
    this.flushInterval = options.flushInterval ?? DEFAULT_FLUSH_INTERVAL;
    if (!Number.isInteger(this.flushInterval) || this.flushInterval < 0) {
      throw new TypeError(`nnzip/pino: flushInterval must be a whole number of ms, not ${String(options.flushInterval)}`);
    }
    // Checks level and tableBits now, so that a wrong option fails the transport at start rather than at the first line.
    resolveCompressOptions(this.compressorOptions());
    this.armRotateTimer();
  }

  /** Called with a failure of the file or the compressor. */
  onError: (err: Error) => void = (err) => {
    throw err;
  };

  /** Whether write() may be called now (else wait for whenReady()). */
  get ready(): boolean {
    return this.ending === null && !this.rotateDue && !this.needDrain;
  }

  /** Takes one line (without its line feed), when ready. */
  write(line: string): void {
    if (this.closed) throw new Error('nnzip/pino: write after close');
    if (this.ending !== null || this.rotateDue) throw new Error('nnzip/pino: write while a file is being ended (wait for whenReady())');
    const file = this.current ?? this.open();
    this.linesIn++;
    file.lines++;
    if (this.flushTimer === null && this.flushInterval > 0) this.flushTimer = setTimeout(() => this.timedFlush(), this.flushInterval).unref();
    this.needDrain = !file.compressor.write(line + '\n');
  }

  /** Resolves once write() may be called: a file being ended is closed, a rotation due done, the compressor drained. */
  async whenReady(): Promise<void> {
    for (;;) {
      if (this.ending !== null) await this.ending;
      else if (this.rotateDue) await this.endCurrent();
      else if (this.needDrain) await new Promise<void>((resolve) => (this.drained = resolve));
      else return;
    }
  }

  /** Ends the current file properly (pino is done: close, exit, or logger end). */
  async close(): Promise<void> {
    if (this.ending !== null) await this.ending;
    this.closed = true;
    if (this.rotateTimer !== null) clearTimeout(this.rotateTimer);
    await this.endCurrent();
  }

  private compressorOptions(): { level?: number; tableBits?: number; threads: number } {
    // One thread: this already is a worker thread, and a log flushed every second would code on one anyway.
    return { level: this.options.level, tableBits: this.options.tableBits, threads: 1 };
  }

  private open(): OpenFile {
    const now = new Date();
    const template = expandTime(this.pattern, now);
    const dir = path.dirname(template);
    if (this.options.mkdir) fs.mkdirSync(dir, { recursive: true });
    let n = highestNumber(template) + 1;
    let fd: number;
    for (;;) {
      const file = template.replace(/%n/g, String(n));
      try {
        fd = fs.openSync(file, 'wx');
        break;
      } catch (err) {
        // Another writer took this number meanwhile: the next one.
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        n++;
      }
    }
    const compressor = createCompressor(this.compressorOptions());
    const file: OpenFile = { path: template.replace(/%n/g, String(n)), fd, compressor, bytes: 0, lines: 0 };
    compressor.on('data', (b: Buffer) => {
      // Synchronous, in this worker: once a flush calls back, its bytes are in the file.
      try {
        writeAll(fd, b);
      } catch (err) {
        compressor.destroy(err as Error);
        return;
      }
      file.bytes += b.length;
      if (file.bytes >= this.maxBytes) this.rotateDue = true;
    });
    compressor.on('drain', () => this.wake());
    compressor.on('error', (err) => {
      this.wake();
      this.onError(err);
    });
    this.current = file;
    return file;
  }

  private wake(): void {
    this.needDrain = false;
    const drained = this.drained;
    this.drained = null;
    drained?.();
  }

  /** flushInterval's timer: ends the current frame; its lines count as durable once its bytes are written. */
  private timedFlush(): void {
    this.flushTimer = null;
    const file = this.current;
    if (file === null || this.ending !== null) return;
    const covered = this.linesIn;
    const fsync = this.options.fsync === true;
    file.compressor.flush(() => {
      if (this.current !== file) return; // (ended meanwhile: its end says more)
      if (fsync) fs.fdatasyncSync(file.fd);
      this.durable(covered, file.path);
    });
  }

  private durable(lines: number, file: string): void {
    if (lines <= this.linesDurable) return;
    this.linesDurable = lines;
    this.notify('nnzip:flush', { lines, file });
  }

  /** Ends the current file (if any): end record, written, closed. */
  private endCurrent(): Promise<void> {
    if (this.ending !== null) return this.ending;
    this.rotateDue = false;
    const file = this.current;
    if (file === null) return Promise.resolve();
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    const covered = this.linesIn;
    this.ending = (async () => {
      let failure: unknown = null;
      try {
        // (A compressor that failed has told onError already: its file is closed as it is, and counts for nothing more.)
        if (file.compressor.destroyed) throw new Error(`nnzip/pino: ${file.path} ends early: its compressor failed`);
        const ended = once(file.compressor, 'end');
        file.compressor.end();
        await ended;
      } catch (err) {
        failure = err;
      }
      this.wake();
      if (failure === null && this.options.fsync === true) fs.fdatasyncSync(file.fd);
      fs.closeSync(file.fd);
      this.current = null;
      this.ending = null;
      if (failure !== null) throw failure;
      this.durable(covered, file.path);
    })();
    return this.ending;
  }

  /** Time rotation: at each boundary, the current file (if it has lines) is ended; the next opens at the next line. */
  private armRotateTimer(): void {
    if (this.frequency === undefined || this.closed) return;
    const now = Date.now();
    const wait = Math.max(nextBoundary(this.frequency, now) - now, 1);
    this.rotateTimer = setTimeout(() => {
      if (this.current !== null && this.current.lines > 0 && this.ending === null) void this.endCurrent().catch(() => {});
      this.armRotateTimer();
    }, Math.min(wait, 2 ** 31 - 1)).unref();
  }
}

/** The pattern with `%n` in it: before a final `.nnz`, else at the end. */
function numbered(file: string): string {
  if (file.includes('%n')) return file;
  return file.endsWith('.nnz') ? `${file.slice(0, -4)}.%n.nnz` : `${file}.%n`;
}

function expandTime(pattern: string, t: Date): string {
  const two = (v: number) => String(v).padStart(2, '0');
  const fields: Record<string, string> = {
    Y: String(t.getFullYear()),
    m: two(t.getMonth() + 1),
    d: two(t.getDate()),
    H: two(t.getHours()),
    M: two(t.getMinutes()),
    S: two(t.getSeconds()),
  };
  return pattern.replace(/%([YmdHMS])/g, (_, k: string) => fields[k]);
}

/** The highest `%n` among the files there that match `template` (0 if none). */
function highestNumber(template: string): number {
  const dir = path.dirname(template);
  const base = path.basename(template);
  const re = new RegExp(`^${base.split('%n').map(escapeRegExp).join('(\\d+)')}$`);
  let highest = 0;
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0; // (opening will say why the directory is missing)
  }
  for (const name of names) {
    const m = re.exec(name);
    if (m !== null) for (const g of m.slice(1)) highest = Math.max(highest, Number(g));
  }
  return highest;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 };

export function parseSize(size: number | string): number {
  if (typeof size === 'number' && Number.isInteger(size) && size > 0) return size;
  const m = typeof size === 'string' ? /^(\d+(?:\.\d+)?)\s*([kmg]?)b?$/i.exec(size.trim()) : null;
  if (m === null || Number(m[1]) <= 0) throw new TypeError(`nnzip/pino: size must be a number of bytes or a string such as '100m', not ${String(size)}`);
  return Math.ceil(Number(m[1]) * UNITS[m[2].toLowerCase()]);
}

/** The next rotation time after `now` (ms since the epoch). */
export function nextBoundary(frequency: 'hourly' | 'daily' | number, now: number): number {
  if (typeof frequency === 'number') return (Math.floor(now / frequency) + 1) * frequency;
  const t = new Date(now);
  if (frequency === 'hourly') return new Date(t.getFullYear(), t.getMonth(), t.getDate(), t.getHours() + 1).getTime();
  return new Date(t.getFullYear(), t.getMonth(), t.getDate() + 1).getTime();
}

function writeAll(fd: number, b: Buffer): void {
  let at = 0;
  while (at < b.length) at += fs.writeSync(fd, b, at, b.length - at);
}
