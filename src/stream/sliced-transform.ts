/**
 * What the compressor and the decompressor share: coding runs in slices
 * that end by elapsed time, with a turn of the event loop between them, so a
 * stream never blocks timers and I/O for long (whatever the level or the
 * data), and destroy() stops it at the next slice. Where a slice ends never
 * changes the output: the coder works byte by byte. Also the zlib-style
 * extras both directions have: bytesWritten and close().
 */
import { Transform, TransformOptions } from 'node:stream';
import { performance } from 'node:perf_hooks';

/** How long a slice may run before yielding to the event loop. */
export const SLICE_MS = 10;
/**
 * The coder is called with pieces of input sized to take about PIECE_MS
 * each, with a look at the clock after each, so a slice overruns SLICE_MS by
 * about that much. The size adapts: the first pieces of a process run in
 * V8's interpreter, 20-50 times slower than later ones, and a level-9 byte
 * costs several times a level-1 byte.
 */
const PIECE_MS = 1;
const MIN_PIECE = 16;
const MAX_PIECE = 64 * 1024;

const EMPTY = Buffer.alloc(0);

export abstract class SlicedTransform extends Transform {
  /** Bytes of input consumed so far, as zlib's bytesWritten. */
  bytesWritten = 0;
  /** Bytes for the next call to the coder (see PIECE_MS). */
  protected piece = MIN_PIECE;
  /** Work waiting for the reader to want more (set when push() returned false). */
  private onRead: (() => void) | null = null;

  constructor(options: TransformOptions) {
    super(options);
  }

  /** A deadline for the slice starting now. */
  protected static deadline(): number {
    return performance.now() + SLICE_MS;
  }

  /**
   * Called after each piece, with the time it started: adapts the piece size
   * and tells whether the slice is over.
   */
  protected pieceDone(started: number, deadline: number): boolean {
    const now = performance.now();
    const took = now - started;
    if (took < PIECE_MS / 2) this.piece = Math.min(this.piece * 2, MAX_PIECE);
    else if (took > PIECE_MS * 2) this.piece = Math.max(this.piece >> 1, MIN_PIECE);
    return now >= deadline;
  }

  protected static now(): number {
    return performance.now();
  }

  /** Runs `work` on a later turn of the event loop, unless the stream is destroyed by then. */
  protected later(work: () => void): void {
    setImmediate(() => {
      if (!this.destroyed) work();
    });
  }

  /**
   * Runs `work` once the reader asks for more. One _transform call may yield
   * many outputs (a 64 KiB chunk can hold a thousand frames); waiting here
   * keeps the readable buffer bounded, as Transform does between calls.
   */
  protected whenRead(work: () => void): void {
    this.onRead = work;
  }

  override _read(size: number): void {
    const work = this.onRead;
    if (work !== null) {
      this.onRead = null;
      if (!this.destroyed) work();
    }
    super._read(size);
  }

  /**
   * Fails with `err` once everything pushed so far has been read, so that a
   * reader gets all the output released before the error (destroy() would
   * drop what is still buffered). A push of nothing re-arms _read, which
   * Readable calls again only after a push.
   */
  protected failWhenDrained(err: Error, cb: (err: Error) => void): void {
    const attempt = (): void => {
      if (this.readableLength === 0) {
        cb(err);
        return;
      }
      this.whenRead(attempt);
      this.push(EMPTY);
    };
    attempt();
  }

  /** zlib's close(): destroys the stream; `callback` runs once it has closed. */
  close(callback?: () => void): void {
    if (callback) {
      if (this.closed) process.nextTick(callback);
      else this.once('close', () => callback());
    }
    this.destroy();
  }
}
