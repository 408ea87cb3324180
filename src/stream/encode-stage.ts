/**
 * Stage 2 of the compressor: batches of sentences in, container records out.
 * Holds the network and the range coder (via Encoder); a batch is coded
 * in time slices (see SlicedTransform). Flush signals pass through in place.
 */
import type { TransformCallback } from 'node:stream';
import type { StreamParams } from '../format/container';
import type { SentenceBatch } from './sentence-batcher';
import { BatchItem, isFlush } from './signals';
import { SlicedTransform } from './sliced-transform';
import { Encoder } from '../coder/encoder';

export class EncodeStage extends SlicedTransform {
  private readonly encoder: Encoder;

  constructor(params: StreamParams) {
    super({ objectMode: true, highWaterMark: 1 });
    this.encoder = new Encoder(params);
    this.push(this.encoder.header());
  }

  override _transform(item: BatchItem, _enc: BufferEncoding, cb: TransformCallback): void {
    if (isFlush(item)) {
      cb(null, item);
      return;
    }
    const data = (item as SentenceBatch).data;
    let offset = 0;
    const work = (): void => {
      while (offset < data.length) {
        const end = Math.min(offset + this.piece, data.length);
        const started = SlicedTransform.now();
        try {
          this.encoder.write(data.subarray(offset, end));
        } catch (err) {
          cb(err as Error);
          return;
        }
        offset = end;
        if (this.pieceDone(started) && offset < data.length) {
          this.inSlice(work);
          return;
        }
      }
      cb(null, this.encoder.finishFrame());
    };
    this.inSlice(work);
  }

  override _flush(cb: TransformCallback): void {
    cb(null, this.encoder.end());
  }
}
