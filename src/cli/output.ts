/**
 * Where converted bytes go: a temporary file renamed into place only when
 * complete and flushed, standard output, or nowhere (-t). Temporary files
 * are tracked so that a failure or a signal never leaves one behind.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Writable } from 'node:stream';

/** Errors raised while writing carry the name of the file written, for the message. */
export interface TaggedError extends Error {
  nnzipFile?: string;
}

function tag(err: Error, file: string): TaggedError {
  const e = err as TaggedError;
  if (e.nnzipFile === undefined) e.nnzipFile = file;
  return e;
}

const liveTemps = new Set<string>();

/** Removes every temporary file still open; safe to call from signal and exit handlers. */
export function removeTemps(): void {
  for (const t of liveTemps) {
    try {
      fs.unlinkSync(t);
    } catch {
      // already gone
    }
    liveTemps.delete(t);
  }
}

/** Writes to a file descriptor with fs.write, finishing short writes. */
class FdWritable extends Writable {
  constructor(
    private readonly fd: number,
    private readonly label: string,
    private readonly written: (chunk: Buffer) => void,
  ) {
    super({ highWaterMark: 1 << 16 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    const put = (b: Buffer): void => {
      fs.write(this.fd, b, 0, b.length, null, (err, n) => {
        if (err) cb(tag(err, this.label));
        else if (n < b.length) put(b.subarray(n));
        else {
          cb();
          this.written(chunk);
        }
      });
    };
    put(chunk);
  }
}

export interface Sink {
  kind: 'file' | 'stdout' | 'null';
  writable: Writable;
  /** Called after the pipeline finished: makes the output durable and visible. */
  commit(): void;
  /** Called on failure: removes any partial output. */
  abort(): void;
  /** Set by the pipeline, if at all: gets each chunk back once it is written, for its buffer to carry later output. */
  recycle?: (chunk: Buffer) => void;
}

export function nullSink(): Sink {
  const sink: Sink = {
    kind: 'null',
    writable: new Writable({
      write(c, _e, cb) {
        cb();
        sink.recycle?.(c);
      },
    }),
    commit() {},
    abort() {},
  };
  return sink;
}

/**
 * Standard output without ending it (several files may follow), with the
 * write callback as back-pressure so that EPIPE reaches the pipeline.
 */
export function stdoutSink(): Sink {
  const sink: Sink = {
    kind: 'stdout',
    writable: new Writable({
      highWaterMark: 1 << 16,
      write(chunk: Buffer, _e, cb) {
        process.stdout.write(chunk, (err) => {
          cb(err ? tag(err, 'stdout') : null);
          if (!err) sink.recycle?.(chunk);
        });
      },
    }),
    commit() {},
    abort() {},
  };
  return sink;
}

/** FNV-1a of a name's UTF-8 bytes: a short, stable stand-in for a name too long to repeat. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(s)) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

/** Linux's NAME_MAX, in bytes; most other file systems allow as much. */
const NAME_MAX = 255;
/** What follows the prefix: `.PID.XXXXXX.tmp`, with a pid of up to 7 digits (Linux's limit is 4194304). */
const TAIL_MAX = 1 + 7 + 1 + 6 + 4;

/**
 * The start of the temporary names for `finalBase`: `.NAME`, or, when that
 * would not leave room for the rest under NAME_MAX, the name's first 200
 * bytes and a hash of the whole. Deterministic, so that a later run writing
 * the same output recognises the leftovers of a killed one.
 */
export function tempPrefix(finalBase: string): string {
  const full = `.${finalBase}`;
  if (Buffer.byteLength(full) + TAIL_MAX <= NAME_MAX) return full;
  const chars = Array.from(finalBase); // whole code points, never half a character
  let head = '';
  for (const c of chars) {
    if (Buffer.byteLength(head + c) > 200) break;
    head += c;
  }
  return `.${head}~${fnv1a(finalBase)}`;
}

const TEMP_TAIL = /^\.([1-9][0-9]{0,6})\.[0-9a-z]{6}\.tmp$/;

/** Temporary-looking names per directory, read once per run: a directory of 10 000 logs is listed once, not 10 000 times. */
const tempListing = new Map<string, string[]>();

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists and belongs to someone else. Only ESRCH proves it gone.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

/**
 * Removes the temporary files that earlier runs writing `finalName` left
 * behind when killed with SIGKILL (or by a crash or power cut): those whose
 * owner, the pid in the name, no longer exists. A temporary whose owner may
 * be alive is never touched. Returns the names removed.
 */
export function removeStaleTemps(finalName: string): string[] {
  const dir = path.dirname(finalName);
  let names = tempListing.get(dir);
  if (names === undefined) {
    try {
      names = fs.readdirSync(dir).filter((n) => n.startsWith('.') && n.endsWith('.tmp'));
    } catch {
      names = [];
    }
    tempListing.set(dir, names);
  }
  const prefix = tempPrefix(path.basename(finalName));
  const removed: string[] = [];
  for (const n of names) {
    if (!n.startsWith(prefix)) continue;
    const m = TEMP_TAIL.exec(n.slice(prefix.length));
    if (m === null) continue;
    const pid = Number(m[1]);
    const p = path.join(dir, n);
    // Our own pid: a dead process's leftover only if it is not one of ours.
    if (pid === process.pid ? liveTemps.has(p) : isAlive(pid)) continue;
    try {
      fs.unlinkSync(p);
      removed.push(n);
    } catch {
      // gone already, or not ours to remove: leave it
    }
  }
  if (removed.length > 0) tempListing.set(dir, names.filter((n) => !removed.includes(n)));
  return removed;
}

/**
 * Times for futimes. Node turns a negative number of seconds into "now", but
 * takes a Date as it is, so times before 1970 go in as Dates.
 */
function timeArg(ms: number): number | Date {
  return ms < 0 ? new Date(ms) : ms / 1000;
}

/**
 * A file that appears under `finalName` only once it is complete: written as
 * `.NAME.PID.XXXXXX.tmp` in the same directory (see tempPrefix for long
 * names), given the input's owner, mode and times, fsynced, then renamed
 * over `finalName`. The pid lets a later run remove it if this process is
 * killed outright (removeStaleTemps).
 */
export function fileSink(finalName: string, like: fs.Stats): Sink {
  const dir = path.dirname(finalName);
  removeStaleTemps(finalName);
  const prefix = tempPrefix(path.basename(finalName));
  let tmp = '';
  let fd = -1;
  for (let attempt = 0; fd < 0; attempt++) {
    const rand = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
    tmp = path.join(dir, `${prefix}.${process.pid}.${rand}.tmp`);
    try {
      fd = fs.openSync(tmp, 'wx', 0o600);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 20) throw tag(err as Error, finalName);
    }
  }
  liveTemps.add(tmp);
  let closed = false;
  const close = (): void => {
    if (!closed) {
      closed = true;
      fs.closeSync(fd);
    }
  };
  const sink: Sink = {
    kind: 'file',
    writable: new FdWritable(fd, finalName, (chunk) => sink.recycle?.(chunk)),
    commit() {
      try {
        try {
          fs.fchownSync(fd, like.uid, like.gid);
        } catch {
          // only root may give files away; gzip also keeps going
        }
        // Permission bits only, as gzip: set-id bits are refused before we
        // get here, and a sticky bit (compressed with -f) means nothing on a .nnz.
        fs.fchmodSync(fd, like.mode & 0o777);
        fs.futimesSync(fd, timeArg(like.atimeMs), timeArg(like.mtimeMs));
        fs.fsyncSync(fd);
        close();
        fs.renameSync(tmp, finalName);
      } catch (err) {
        throw tag(err as Error, finalName);
      }
      liveTemps.delete(tmp);
      // Make the rename itself durable before the caller deletes the input.
      try {
        const dfd = fs.openSync(dir, 'r');
        try {
          fs.fsyncSync(dfd);
        } finally {
          fs.closeSync(dfd);
        }
      } catch {
        // some file systems refuse fsync on directories; the data is synced
      }
    },
    abort() {
      try {
        close();
      } catch {
        // closing is best effort on the failure path
      }
      try {
        fs.unlinkSync(tmp);
      } catch {
        // already gone
      }
      liveTemps.delete(tmp);
    },
  };
  return sink;
}
