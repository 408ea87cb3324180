/**
 * Stage 3 of the compressor: container records in, the bytes of the nnzip
 * format out. At a flush signal it tells the compressor how many bytes it
 * has pushed by then, so that flush()'s callback runs once those bytes have
 * reached the compressor's readable side.
 */
import { Transform, TransformCallback } from 'node:stream';
import { serializeRecord } from '../format/container';
import { EncodedItem, isFlush } from './signals';

export class Framer extends Transform {
  private pushed = 0;
  private readonly onFlush: (bytesOut: number) => void;

  constructor(onFlush: (bytesOut: number) => void) {
    super({ writableObjectMode: true, writableHighWaterMark: 1 });
    this.onFlush = onFlush;
  }

  override _transform(item: EncodedItem, _enc: BufferEncoding, cb: TransformCallback): void {
    if (isFlush(item)) {
      this.onFlush(this.pushed);
    } else if (Buffer.isBuffer(item)) {
      // Records serialized already (blocks coded by worker threads, src/parallel).
      this.pushed += item.length;
      this.push(item);
    } else {
      for (const b of serializeRecord(item)) {
        this.pushed += b.length;
        this.push(b);
      }
    }
    cb();
  }
}
