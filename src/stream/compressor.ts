/**
 * The compressor stream: raw bytes in, the nnzip format out. Three Transform
 * stages composed by Pumpify into one duplex:
 *
 *   SentenceSplitter → EncodeStage → Framer
 *
 * flush() writes a mark into the stream's own write queue; the splitter cuts
 * its batch there and sends a flush signal after it, the coding stage codes
 * the batch and passes the signal on, and the framer, having pushed the
 * frame's bytes, says how many bytes it has pushed by then. flush()'s
 * callback runs once that many bytes have reached this stream's readable
 * side, as zlib's does once its flushed bytes are out.
 *
 * flushInterval: the first write after a flush starts a timer (unref'd);
 * when it fires, flush() ends the frame holding that write and whatever
 * followed it. No timer runs while nothing waits for a flush, so an idle
 * stream costs nothing and adds no frames.
 */
import type { StreamParams } from '../format/container';
import { EncodeStage } from './encode-stage';
import { Framer } from './framer';
import { destroyedError, NnzipDuplex } from './nnzip-duplex';
import { FLUSH_MARK, SentenceSplitter } from './sentence-splitter';

export type FlushCallback = (error?: Error | null) => void;

export class Compressor extends NnzipDuplex {
  private readonly splitter: SentenceSplitter;
  /** Bytes pushed to the readable side so far. */
  private pushedOut = 0;
  /** Callbacks of flushes written but not yet reached by the framer, in order. */
  private flushing: FlushCallback[] = [];
  /** Callbacks of flushes the framer reached, each with the output byte count it waits for. */
  private reached: Array<{ at: number; cb: FlushCallback }> = [];

  /** flushInterval (ms; 0: none), the timer, and whether bytes were written since the last flush. */
  private readonly flushInterval: number;
  private flushTimer: NodeJS.Timeout | null = null;
  private unflushed = false;

  constructor(params: StreamParams, frameSize: number, threads = 1, flushInterval = 0) {
    super();
    this.flushInterval = flushInterval;
    // Copy mode (a recycle callback, here with nobody to hand chunks back to): each input chunk is
    // copied into the batcher's reused buffers at once, not kept as views until its frame is full.
    // Kept for a frame's ~0.2 s of coding, the caller's dead chunks reached V8's old generation,
    // which only a full collection frees: they piled up to ~64 MiB of peak RSS (issue 11).
    this.splitter = new SentenceSplitter(frameSize, noop);
    // Several threads: a stage that gives blocks to worker threads once the input has a second one (src/parallel).
    const coding =
      threads > 1
        ? new (require('../parallel/encode-stage') as typeof import('../parallel/encode-stage')).ThreadedEncodeStage(params, threads)
        : new EncodeStage(params);
    this.setPipeline(this.splitter, coding, new Framer((at) => this.flushReached(at)));
    // Ending flushes everything, and a closed stream has nothing more to flush.
    this.once('finish', () => this.stopFlushTimer());
    this.once('close', () => {
      this.stopFlushTimer();
      // A flush the stream never got to: its callback gets the error, as a write's would.
      const err = this.failure ?? destroyedError('flush');
      const pending = [...this.reached.map((r) => r.cb), ...this.flushing];
      this.reached = [];
      this.flushing = [];
      for (const cb of pending) cb(err);
    });
  }

  get bytesWritten(): number {
    return this.splitter.consumed;
  }

  /**
   * Ends the current frame (even mid-line) so that everything written so far
   * can be decoded; `callback` runs once that frame's bytes have been pushed
   * to the readable side. `kind` (zlib's flush flag) is accepted for
   * compatibility: every kind does the same. Costs a 13-byte frame header
   * and some ratio per call, so flush when a reader is waiting, not per line.
   */
  flush(kind?: number | FlushCallback, callback?: FlushCallback): void {
    if (typeof kind === 'function') callback = kind;
    const cb = callback ?? noop;
    if (this.writableFinished) {
      process.nextTick(() => cb());
    } else if (this.writableEnded) {
      // Ending flushes everything; 'finish' comes once the last bytes are out.
      this.once('finish', () => cb());
    } else if (this.destroyed) {
      process.nextTick(() => cb(this.failure ?? destroyedError('flush')));
    } else {
      this.unflushed = false;
      this.flushing.push(cb);
      this.write(FLUSH_MARK);
    }
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    // (A flush's own mark is not data waiting for a flush.)
    if (this.flushInterval > 0 && chunk !== FLUSH_MARK && chunk.length > 0) {
      this.unflushed = true;
      this.flushTimer ??= setTimeout(() => this.timedFlush(), this.flushInterval).unref();
    }
    super._write(chunk, encoding, callback);
  }

  /** flushInterval's timer: flushes what was written since the last flush, if anything. */
  private timedFlush(): void {
    this.flushTimer = null;
    if (this.unflushed && !this.writableEnded && !this.destroyed) this.flush();
  }

  private stopFlushTimer(): void {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
  }

  override push(chunk: Buffer | null, encoding?: BufferEncoding): boolean {
    if (chunk !== null) this.pushedOut += chunk.length;
    const more = super.push(chunk, encoding);
    this.settle();
    return more;
  }

  /** Calls back the flushes whose bytes are all out. */
  private settle(): void {
    while (this.reached.length > 0 && this.reached[0].at <= this.pushedOut) {
      // On the next tick: Pumpify may be mid-forward here, and the bytes just
      // pushed reach 'data' listeners by then.
      const { cb } = this.reached.shift()!;
      process.nextTick(() => cb());
    }
  }

  private flushReached(at: number): void {
    const cb = this.flushing.shift();
    if (cb === undefined) return;
    this.reached.push({ at, cb });
    // Nothing pending (an empty flush, or its bytes already forwarded): call back now.
    this.settle();
  }
}

function noop(): void {}
