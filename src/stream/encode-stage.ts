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
    // The whole batch is one frame: the coder sees it all (look-ahead for runs) and codes it piece by piece.
    this.encoder.beginFrame((item as SentenceBatch).data);
    this.stepInSlices(
      (piece) => this.encoder.step(piece),
      () => this.encoder.finishFrame(),
      (err, record) => {
        if (err !== null) {
          cb(err);
          return;
        }
        // The batch's bytes are coded (or copied, when stored): its buffer may carry the next batch.
        (item as SentenceBatch).release?.();
        cb(null, record);
      },
    );
  }

  override _flush(cb: TransformCallback): void {
    cb(null, this.encoder.end());
  }
}
