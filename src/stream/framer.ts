/** Stage 3 of the compressor: container records in, the bytes of the nnzip format out. */
import { Transform, TransformCallback } from 'node:stream';
import { ContainerRecord, serializeRecord } from '../format/container';

export class Framer extends Transform {
  constructor() {
    super({ writableObjectMode: true, writableHighWaterMark: 1 });
  }

  override _transform(record: ContainerRecord, _enc: BufferEncoding, cb: TransformCallback): void {
    for (const b of serializeRecord(record)) this.push(b);
    cb();
  }
}
