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
    // Views of the input chunk (or, with recycle, of the batcher's buffers):
    // however many one chunk yields, they hold no more memory than the chunk.
    this.push(b);
  };

  /**
   * `recycle`, if given, gets each input chunk back once its bytes are
   * copied (the batcher's copy mode), for its owner to read into again.
   */
  constructor(
    frameSize: number,
    private readonly recycle?: (chunk: Buffer) => void,
  ) {
    super({ readableObjectMode: true, readableHighWaterMark: 1 });
    this.batcher = new SentenceBatcher(frameSize, recycle !== undefined);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (chunk === FLUSH_MARK) {
      this.batcher.cut(this.emitBatch);
      this.push(FLUSH_SIGNAL);
    } else {
      this.batcher.push(chunk, this.emitBatch);
      this.consumed += chunk.length;
      this.recycle?.(chunk);
    }
    cb();
  }

  override _flush(cb: TransformCallback): void {
    this.batcher.end(this.emitBatch);
    cb();
  }
}
