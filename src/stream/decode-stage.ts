/**
 * Stage 2 of the decompressor: container records in, original bytes out.
 * Rebuilds the compressor's network by retracing its learning; each frame's
 * bytes are released only after their CRC-32 matches. Decodes in slices, as
 * EncodeStage encodes.
 */
import { Transform, TransformCallback } from 'node:stream';
import type { ContainerRecord } from '../format/container';
import { SLICE_BYTES } from './encode-stage';
import { StreamDecoder } from './stream-decoder';

export class DecodeStage extends Transform {
  private readonly decoder = new StreamDecoder();

  constructor() {
    super({ writableObjectMode: true, writableHighWaterMark: 1 });
  }

  override _transform(record: ContainerRecord, _enc: BufferEncoding, cb: TransformCallback): void {
    let isFrame: boolean;
    try {
      isFrame = this.decoder.accept(record);
    } catch (err) {
      cb(err as Error);
      return;
    }
    if (!isFrame) {
      cb();
      return;
    }
    const work = (): void => {
      if (this.destroyed) return;
      let out: Buffer | null = null;
      try {
        if (this.decoder.step(SLICE_BYTES)) out = this.decoder.finishFrame();
      } catch (err) {
        cb(err as Error);
        return;
      }
      if (out === null) setImmediate(work);
      else cb(null, out);
    };
    work();
  }
}
