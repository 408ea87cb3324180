/**
 * The decompressor stream: nnzip format in (one or more concatenated
 * streams), original bytes out. The container reader cuts the input into
 * records; each frame is decoded in time slices by retracing the
 * compressor's learning, and its bytes are released only after their CRC-32
 * matches. A frame that would take the output past maxOutputLength is not
 * decoded at all: its declared length is checked first.
 */
import type { TransformCallback } from 'node:stream';
import type { ContainerRecord } from '../format/container';
import { bufferTooLarge } from '../format/errors';
import { ContainerReader } from '../format/reader';
import { unsupportedReason } from '../model/presets';
import { SlicedTransform } from './sliced-transform';
import { StreamDecoder } from './stream-decoder';

export class Decompressor extends SlicedTransform {
  private readonly reader = new ContainerReader(unsupportedReason);
  private readonly decoder = new StreamDecoder();
  private readonly maxOutputLength: number;
  /** Records parsed but not yet handled (views into the input chunk), and whether the first is being decoded. */
  private records: ContainerRecord[] = [];
  private inFrame = false;
  /** Bytes released so far, over all concatenated streams. */
  private released = 0;
  private readonly enqueue = (r: ContainerRecord): void => {
    this.records.push(r);
  };

  constructor(maxOutputLength: number) {
    super({});
    this.maxOutputLength = maxOutputLength;
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    // A structural error is reported after the records before it are decoded,
    // so the output up to the damage is released as it would be in smaller chunks.
    let parseError: Error | null = null;
    try {
      this.reader.push(chunk, this.enqueue);
    } catch (err) {
      parseError = err as Error;
    }
    this.decodeQueue(() => {
      this.bytesWritten += chunk.length;
      cb(parseError);
    }, cb);
  }

  override _flush(cb: TransformCallback): void {
    try {
      this.reader.end();
    } catch (err) {
      cb(err as Error);
      return;
    }
    cb();
  }

  private decodeQueue(done: () => void, fail: (err: Error) => void): void {
    const work = (): void => {
      const deadline = SlicedTransform.deadline();
      try {
        for (;;) {
          if (!this.inFrame) {
            const r = this.records.shift();
            if (r === undefined) break;
            if (r.kind === 'frame' && this.released + r.rawLength > this.maxOutputLength) {
              this.records = [];
              this.failWhenDrained(
                bufferTooLarge(
                  this.maxOutputLength,
                  `the decompressed data exceeds maxOutputLength (${this.released} bytes out, the next frame holds ${r.rawLength} more)`,
                ),
                fail,
              );
              return;
            }
            if (!this.decoder.accept(r)) continue;
            this.inFrame = true;
          }
          const started = SlicedTransform.now();
          const complete = this.decoder.step(this.piece);
          const over = this.pieceDone(started, deadline);
          if (complete) {
            const out = this.decoder.finishFrame();
            this.inFrame = false;
            this.released += out.length;
            if (!this.push(out) && this.records.length > 0) {
              this.whenRead(work);
              return;
            }
          }
          if ((this.inFrame || this.records.length > 0) && over) {
            this.later(work);
            return;
          }
        }
      } catch (err) {
        fail(err as Error);
        return;
      }
      done();
    };
    work();
  }
}
