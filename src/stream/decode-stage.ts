/**
 * Stage 2 of the decompressor: container records in, original bytes out.
 * Rebuilds the compressor's network by retracing its learning; each frame is
 * decoded in time slices (see SlicedTransform) and its bytes are released only
 * after their CRC-32 matches. A frame that would take the output past
 * maxOutputLength is not decoded at all: its declared length is checked first.
 *
 * Errors go on in band, as a 'failed' item after the output before them (the
 * decompressor emits the error once a reader has taken that output), and so
 * do the deframer's 'consumed' signals. After a failure every further record
 * is dropped.
 */
import type { TransformCallback } from 'node:stream';
import type { TrailingHandling } from '../options';
import type { DecodedItem, RecordItem } from './signals';
import { SlicedTransform } from './sliced-transform';
import { Decoder } from '../coder/decoder';
import type { FrameBuffers } from './frame-buffers';

export type { TrailingHandling };

export class DecodeStage extends SlicedTransform {
  private readonly decoder: Decoder;
  private failed = false;
  private ignored = false;

  /** `buffers`: decode into these, for a consumer that hands written frames back (the commands). */
  constructor(maxOutputLength: number, trailing: TrailingHandling, buffers?: FrameBuffers) {
    super({ objectMode: true, highWaterMark: 1 });
    this.decoder = new Decoder(maxOutputLength, trailing);
    if (buffers !== undefined) this.decoder.outputBuffer = (n) => buffers.take(n);
  }

  override _transform(item: RecordItem, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.failed) {
      cb();
      return;
    }
    const fail = (error: Error): void => {
      this.failed = true;
      cb(null, { kind: 'failed', error } satisfies DecodedItem);
    };
    switch (item.kind) {
      case 'consumed':
        cb(null, item);
        return;
      case 'failed':
        fail(item.error);
        return;
      case 'trailing': {
        let data: Buffer | null;
        try {
          data = this.decoder.trailingBytes(item);
        } catch (err) {
          fail(err as Error);
          return;
        }
        if (data !== null) {
          cb(null, data);
        } else if (!this.ignored) {
          this.ignored = true;
          cb(null, { kind: 'ignored', offset: item.offset } satisfies DecodedItem);
        } else {
          cb();
        }
        return;
      }
    }
    try {
      if (!this.decoder.accept(item)) {
        cb();
        return;
      }
    } catch (err) {
      fail(err as Error);
      return;
    }
    this.stepInSlices(
      (piece) => this.decoder.step(piece),
      () => this.decoder.finishFrame(),
      (err, out) => {
        if (out === null) {
          fail(err as Error);
          return;
        }
        // (An empty frame has nothing to release; an empty push would only confuse the reader.)
        if (out.length === 0) cb();
        else cb(null, out);
      },
    );
  }
}
