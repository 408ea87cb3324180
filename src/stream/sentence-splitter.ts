/**
 * Stage 1 of the compressor: bytes in, batches of whole sentences out (see
 * sentence-batcher.ts). flush() writes FLUSH_MARK, which cuts the pending
 * batch where it is and sends a flush signal after it.
 */
import { Transform, TransformCallback } from 'node:stream';
import { SentenceBatch, SentenceBatcher } from './sentence-batcher';
import { FLUSH_SIGNAL } from './signals';

/**
 * Written by flush() into the compressor's own write queue, so that the cut
 * comes after every byte written before it; recognised by identity (nobody
 * else holds this buffer), as zlib marks its flush writes.
 */
export const FLUSH_MARK = Buffer.alloc(0);

export class SentenceSplitter extends Transform {
  /** Input bytes taken in so far (the compressor's bytesWritten). */
  consumed = 0;
  private readonly batcher: SentenceBatcher;
  private readonly emitBatch = (b: SentenceBatch): void => {
    // Batches are views of the input chunk: however many one chunk yields,
    // they hold no more memory than the chunk itself.
    this.push(b);
  };

  constructor(frameSize: number) {
    super({ readableObjectMode: true, readableHighWaterMark: 1 });
    this.batcher = new SentenceBatcher(frameSize);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (chunk === FLUSH_MARK) {
      this.batcher.cut(this.emitBatch);
      this.push(FLUSH_SIGNAL);
    } else {
      this.batcher.push(chunk, this.emitBatch);
      this.consumed += chunk.length;
    }
    cb();
  }

  override _flush(cb: TransformCallback): void {
    this.batcher.end(this.emitBatch);
    cb();
  }
}
