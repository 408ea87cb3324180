/**
 * The base of the two coding stages (EncodeStage, DecodeStage): coding runs
 * in slices that end by elapsed time, with a turn of the event loop between
 * them, so a stream never blocks timers and I/O for long (whatever the level
 * or the data), and destroy() stops it at the next slice. A slice spans
 * _transform calls: records handed on synchronously from stage to stage would
 * otherwise chain without ever yielding. Where a slice ends never changes the
 * output: the coder works byte by byte.
 */
import { Transform, TransformOptions } from 'node:stream';

/** A clock in ms: process.hrtime, as loading node:perf_hooks for it took a few ms of every run's start-up. */
const performance = {
  now(): number {
    const [s, ns] = process.hrtime();
    return s * 1e3 + ns / 1e6;
  },
};

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

export abstract class SlicedTransform extends Transform {
  /** Bytes for the next call to the coder (see PIECE_MS). */
  protected piece = MIN_PIECE;
  /** End of the current slice; a slice is open until the turn of the event loop it started in is over. */
  private deadline = 0;
  private sliceOpen = false;
  private readonly closeSlice = (): void => {
    this.sliceOpen = false;
  };

  constructor(options: TransformOptions) {
    super(options);
  }

  /**
   * Runs `work` now if the current slice has time left (opening one if none
   * is open), else on a later turn of the event loop, unless the stream is
   * destroyed by then. `work` checks sliceOver() after each piece and, when
   * it is over, hands its continuation back to this.
   */
  protected inSlice(work: () => void): void {
    if (this.destroyed) return;
    if (!this.sliceOpen) {
      this.sliceOpen = true;
      this.deadline = performance.now() + SLICE_MS;
      setImmediate(this.closeSlice);
      work();
    } else if (performance.now() < this.deadline) {
      work();
    } else {
      // Queued after closeSlice, so the work starts a fresh slice.
      setImmediate(() => this.inSlice(work));
    }
  }

  /**
   * Called after each piece, with the time it started: adapts the piece size
   * and tells whether the slice is over.
   */
  protected pieceDone(started: number): boolean {
    const now = performance.now();
    const took = now - started;
    if (took < PIECE_MS / 2) this.piece = Math.min(this.piece * 2, MAX_PIECE);
    else if (took > PIECE_MS * 2) this.piece = Math.max(this.piece >> 1, MIN_PIECE);
    return now >= this.deadline;
  }

  /**
   * Runs `step(piece)` in slices until it returns true (the frame is done),
   * then `finish()` for the frame's result: `done(null, result)`, or
   * `done(error, null)` if either throws. What the four coding stages
   * (sequential and threaded, each direction) share.
   */
  protected stepInSlices<T>(step: (piece: number) => boolean, finish: () => T, done: (err: Error | null, result: T | null) => void): void {
    const work = (): void => {
      let result: T;
      try {
        for (;;) {
          const started = performance.now();
          const finished = step(this.piece);
          const over = this.pieceDone(started);
          if (finished) break;
          if (over) {
            this.inSlice(work);
            return;
          }
        }
        result = finish();
      } catch (err) {
        done(err as Error, null);
        return;
      }
      done(null, result);
    };
    this.inSlice(work);
  }

  protected static now(): number {
    return performance.now();
  }
}
