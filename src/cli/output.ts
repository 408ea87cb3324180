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
  ) {
    super({ highWaterMark: 1 << 16 });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    const put = (b: Buffer): void => {
      fs.write(this.fd, b, 0, b.length, null, (err, n) => {
        if (err) cb(tag(err, this.label));
        else if (n < b.length) put(b.subarray(n));
        else cb();
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
}

export function nullSink(): Sink {
  return {
    kind: 'null',
    writable: new Writable({
      write(_c, _e, cb) {
        cb();
      },
    }),
    commit() {},
    abort() {},
  };
}

/**
 * Standard output without ending it (several files may follow), with the
 * write callback as back-pressure so that EPIPE reaches the pipeline.
 */
export function stdoutSink(): Sink {
  return {
    kind: 'stdout',
    writable: new Writable({
      highWaterMark: 1 << 16,
      write(chunk: Buffer, _e, cb) {
        process.stdout.write(chunk, (err) => cb(err ? tag(err, 'stdout') : null));
      },
    }),
    commit() {},
    abort() {},
  };
}

/**
 * A file that appears under `finalName` only once it is complete: written as
 * `.NAME.XXXXXX.tmp` in the same directory, given the input's owner, mode and
 * times, fsynced, then renamed over `finalName`.
 */
export function fileSink(finalName: string, like: fs.Stats): Sink {
  const dir = path.dirname(finalName);
  let tmp = '';
  let fd = -1;
  for (let attempt = 0; fd < 0; attempt++) {
    tmp = path.join(dir, `.${path.basename(finalName)}.${Math.random().toString(36).slice(2, 8)}.tmp`);
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
  return {
    kind: 'file',
    writable: new FdWritable(fd, finalName),
    commit() {
      try {
        try {
          fs.fchownSync(fd, like.uid, like.gid);
        } catch {
          // only root may give files away; gzip also keeps going
        }
        fs.fchmodSync(fd, like.mode & 0o7777);
        fs.futimesSync(fd, like.atimeMs / 1000, like.mtimeMs / 1000);
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
}
