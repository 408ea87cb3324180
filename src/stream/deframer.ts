/** Stage 1 of the decompressor: bytes in, container records out (see format/reader.ts). */
import { Transform, TransformCallback } from 'node:stream';
import type { ContainerRecord } from '../format/container';
import { ContainerReader } from '../format/reader';
import { unsupportedReason } from '../model/presets';

export class Deframer extends Transform {
  private readonly reader = new ContainerReader(unsupportedReason);
  private readonly emitRecord = (r: ContainerRecord) => this.push(r);

  constructor() {
    super({ readableObjectMode: true, readableHighWaterMark: 1 });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.reader.push(chunk, this.emitRecord);
    } catch (err) {
      cb(err as Error);
      return;
    }
    cb();
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
}
