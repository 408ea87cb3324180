/** Stage 1 of the compressor: bytes in, batches of whole sentences out. */
import { Transform, TransformCallback } from 'node:stream';
import { SentenceBatch, SentenceBatcher } from './sentence-batcher';

export class SentenceSplitter extends Transform {
  private readonly batcher: SentenceBatcher;
  private readonly emitBatch = (b: SentenceBatch) => this.push(b);

  constructor(frameSize: number) {
    super({ readableObjectMode: true, readableHighWaterMark: 1 });
    this.batcher = new SentenceBatcher(frameSize);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.batcher.push(chunk, this.emitBatch);
    cb();
  }

  override _flush(cb: TransformCallback): void {
    this.batcher.end(this.emitBatch);
    cb();
  }
}
