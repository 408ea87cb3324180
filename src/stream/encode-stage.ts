/**
 * Stage 2 of the compressor: batches of sentences in, container records out.
 * Holds the network and the range coder (via StreamEncoder). A batch is coded
 * in slices with a turn of the event loop between them, so a long frame never
 * blocks timers, I/O or a progress bar for long, and destroy() stops it.
 */
import { Transform, TransformCallback } from 'node:stream';
import type { StreamParams } from '../format/container';
import type { SentenceBatch } from './sentence-batcher';
import { StreamEncoder } from './stream-encoder';

export const SLICE_BYTES = 64 * 1024;

export class EncodeStage extends Transform {
  private readonly encoder: StreamEncoder;

  constructor(params: StreamParams) {
    super({ objectMode: true, highWaterMark: 1 });
    this.encoder = new StreamEncoder(params);
    this.push(this.encoder.header());
  }

  override _transform(batch: SentenceBatch, _enc: BufferEncoding, cb: TransformCallback): void {
    const data = batch.data;
    let offset = 0;
    const work = (): void => {
      if (this.destroyed) return;
      const end = Math.min(offset + SLICE_BYTES, data.length);
      try {
        this.encoder.write(data.subarray(offset, end));
      } catch (err) {
        cb(err as Error);
        return;
      }
      offset = end;
      if (offset < data.length) setImmediate(work);
      else cb(null, this.encoder.finishFrame());
    };
    work();
  }

  override _flush(cb: TransformCallback): void {
    cb(null, this.encoder.end());
  }
}
