/**
 * The compressor stream: raw bytes in, the nnzip format out. One Transform
 * does the three steps (cut the input into batches of whole sentences, code
 * each batch as a frame, serialise the records), so that flush() can cut a
 * frame at exactly the bytes written before it and call back once that
 * frame's bytes are on the readable side, as zlib's flush() does.
 */
import type { TransformCallback } from 'node:stream';
import { ContainerRecord, serializeRecord, StreamParams } from '../format/container';
import { SentenceBatch, SentenceBatcher } from './sentence-batcher';
import { SlicedTransform } from './sliced-transform';
import { StreamEncoder } from './stream-encoder';

/**
 * Written by flush() into the stream's own write queue, so that the cut
 * comes after every byte written before it; recognised by identity (nobody
 * else holds this buffer), as zlib marks its flush writes.
 */
const FLUSH_MARK = Buffer.alloc(0);

export type FlushCallback = (error?: Error | null) => void;

export class Compressor extends SlicedTransform {
  private readonly encoder: StreamEncoder;
  private readonly batcher: SentenceBatcher;
  /** Batches cut but not yet fully coded, and how far into the first one coding is. */
  private queue: SentenceBatch[] = [];
  private offset = 0;
  private readonly enqueue = (b: SentenceBatch): void => {
    this.queue.push(b);
  };

  constructor(params: StreamParams, frameSize: number) {
    super({});
    this.encoder = new StreamEncoder(params);
    this.batcher = new SentenceBatcher(frameSize);
    this.pushRecord(this.encoder.header());
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
    const cb = callback;
    if (this.writableFinished) {
      if (cb) process.nextTick(() => cb());
    } else if (this.writableEnded) {
      if (cb) this.once('end', () => cb());
    } else {
      // As a write, its callback gets the error if the stream failed or was destroyed first.
      this.write(FLUSH_MARK, cb);
    }
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (chunk === FLUSH_MARK) this.batcher.cut(this.enqueue);
    else this.batcher.push(chunk, this.enqueue);
    this.codeQueue(() => {
      this.bytesWritten += chunk.length;
      cb();
    }, cb);
  }

  override _flush(cb: TransformCallback): void {
    this.batcher.end(this.enqueue);
    this.codeQueue(() => {
      this.pushRecord(this.encoder.end());
      cb();
    }, cb);
  }

  /** Codes the queued batches, a time slice at a time, then calls `done`. */
  private codeQueue(done: () => void, fail: (err: Error) => void): void {
    const work = (): void => {
      const deadline = SlicedTransform.deadline();
      for (;;) {
        const batch = this.queue[0];
        if (batch === undefined) {
          done();
          return;
        }
        const data = batch.data;
        if (this.offset < data.length) {
          const end = Math.min(this.offset + this.piece, data.length);
          const started = SlicedTransform.now();
          try {
            this.encoder.write(data.subarray(this.offset, end));
          } catch (err) {
            fail(err as Error);
            return;
          }
          this.offset = end;
          const over = this.pieceDone(started, deadline);
          if (end < data.length) {
            if (over) {
              this.later(work);
              return;
            }
            continue;
          }
        }
        this.queue.shift();
        this.offset = 0;
        const more = this.pushRecord(this.encoder.finishFrame());
        if (this.queue.length > 0) {
          if (!more) {
            this.whenRead(work);
            return;
          }
          if (SlicedTransform.now() >= deadline) {
            this.later(work);
            return;
          }
        }
      }
    };
    work();
  }

  /** Pushes a record's bytes; false when the reader is full. */
  private pushRecord(r: ContainerRecord): boolean {
    let more = true;
    for (const b of serializeRecord(r)) more = this.push(b);
    return more;
  }
}
