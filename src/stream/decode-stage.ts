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
import { allocBytes } from '../format/bytes';

/** Frames up to this size are decoded in the kept work buffer (the default frame is 256 KiB plus its last sentence). */
const WORK_MAX = 1 << 20;

export type { TrailingHandling };

export class DecodeStage extends SlicedTransform {
  private readonly decoder: Decoder;
  private failed = false;
  private ignored = false;
  /**
   * Without `buffers`: frames are decoded into this buffer, kept from frame
   * to frame, and each is copied out once verified. A Buffer allocated at a
   * frame's start lives through its ~0.2 s of decoding, long enough for V8
   * to move it to the old generation, which only a full collection frees:
   * dead output frames then piled up to tens of MiB of peak RSS (issue 11).
   * A copy made as it is pushed is young, freed by the next scavenge once
   * the reader is done with it.
   */
  private work: Buffer | null = null;

  /** `buffers`: decode into these, for a consumer that hands written frames back (the commands). */
  constructor(maxOutputLength: number, trailing: TrailingHandling, buffers?: FrameBuffers) {
    super({ objectMode: true, highWaterMark: 1 });
    this.decoder = new Decoder(maxOutputLength, trailing);
    this.decoder.outputBuffer = buffers !== undefined ? (n) => buffers.take(n) : (n) => this.workBuffer(n);
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
        else cb(null, this.work !== null && out.buffer === this.work.buffer ? Buffer.from(out) : out);
      },
    );
  }

  /** Where a frame of `n` bytes is decoded: the work buffer (grown as needed), or for a frame larger than WORK_MAX a buffer of its own. */
  private workBuffer(n: number): Buffer {
    if (n > WORK_MAX) return allocBytes(n);
    if (this.work === null || this.work.length < n) this.work = allocBytes(Math.max(n, 320 * 1024));
    return this.work.subarray(0, n);
  }
}
