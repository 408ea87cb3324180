/**
 * Stage 1 of the decompressor: bytes in, container records out (see
 * format/reader.ts). One input chunk can hold a thousand frames, so records
 * are queued and pushed only while the decoding stage wants more. After each
 * chunk's records comes a 'consumed' signal (the decompressor's write
 * callbacks and bytesWritten follow it). A structural error, or the input
 * ending inside a stream, goes down the pipe as a 'failed' signal after the
 * records before it: the decoding stage reports it in order, after any error
 * of a frame it has yet to decode.
 */
import { Transform, TransformCallback } from 'node:stream';
import type { ContainerRecord } from '../format/container';
import { ContainerReader, TrailingMode } from '../format/reader';
import { unsupportedReason } from '../model/presets';
import type { RecordItem } from './signals';

export class Deframer extends Transform {
  private readonly reader: ContainerReader;
  private queue: RecordItem[] = [];
  /** The transform or flush callback waiting for the queue to empty. */
  private waiting: TransformCallback | null = null;
  private failed = false;
  private readonly enqueue = (r: ContainerRecord): void => {
    this.queue.push(r);
  };

  constructor(trailing: TrailingMode) {
    super({ readableObjectMode: true, readableHighWaterMark: 1 });
    this.reader = new ContainerReader(unsupportedReason, { trailing });
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    if (!this.failed) {
      this.parse(() => this.reader.push(chunk, this.enqueue));
      this.queue.push({ kind: 'consumed', bytes: chunk.length });
    }
    this.pushQueue(cb);
  }

  override _flush(cb: TransformCallback): void {
    if (!this.failed) this.parse(() => this.reader.end());
    this.pushQueue(cb);
  }

  override _read(size: number): void {
    const cb = this.waiting;
    if (cb !== null) {
      this.waiting = null;
      this.pushQueue(cb);
    }
    super._read(size);
  }

  private parse(step: () => void): void {
    try {
      step();
    } catch (err) {
      this.failed = true;
      this.queue.push({ kind: 'failed', error: err as Error });
    }
  }

  /** Pushes queued items while the reader wants them; calls `cb` once all are out. */
  private pushQueue(cb: TransformCallback): void {
    while (this.queue.length > 0) {
      if (!this.push(this.queue.shift())) {
        if (this.queue.length > 0) {
          this.waiting = cb;
          return;
        }
      }
    }
    cb();
  }
}
