/**
 * The decompressor stream: nnzip format in (one or more concatenated
 * streams), original bytes out. Two Transform stages composed by Pumpify
 * into one duplex:
 *
 *   Deframer → DecodeStage
 *
 * Besides decoded bytes, the decoding stage sends on signals in stream
 * order, handled here as they reach the readable side: a write's callback
 * runs (and bytesWritten grows) once that chunk's records are decoded and
 * their bytes pushed, as a zlib Transform's does; an error is emitted once a
 * reader has taken every byte released before it (destroying earlier would
 * drop them); 'trailing' is emitted when trailing garbage was ignored.
 */
import type { TrailingMode } from '../format/reader';
import { DecodeStage, TrailingHandling } from './decode-stage';
import { Deframer } from './deframer';
import { NnzipDuplex } from './nnzip-duplex';
import type { DecodedItem } from './signals';

type WriteCallback = (error?: Error | null) => void;

/** Duplexify's internals this class relies on (duplexify 4). */
interface DuplexifyInternals {
  _corked: number;
}

export class Decompressor extends NnzipDuplex {
  bytesWritten = 0;
  /** Callbacks of the chunks handed to the deframer, waiting for their 'consumed' signals. */
  private writeCallbacks: WriteCallback[] = [];
  /** The error the stream fails with once its buffered output has been read. */
  private pendingError: Error | null = null;
  /**
   * Duplexify ends its writable side by writing a private marker chunk of
   * its own, which must not be taken for input: it is caught here as end()
   * writes it.
   */
  private endMarker: unknown = undefined;
  private catchMarker = false;

  constructor(maxOutputLength: number, trailing: TrailingHandling, threads = 1) {
    super();
    const mode: TrailingMode = trailing === 'error' ? 'error' : 'report';
    // Several threads: a stage that gives a stream's blocks 1, 2, ... to worker threads (src/parallel).
    const decoding =
      threads > 1
        ? new (require('../parallel/decode-stage') as typeof import('../parallel/decode-stage')).ThreadedDecodeStage(maxOutputLength, trailing, threads)
        : new DecodeStage(maxOutputLength, trailing);
    this.setPipeline(new Deframer(mode), decoding);
  }

  override write(chunk: any, encoding?: any, cb?: any): boolean {
    if (this.catchMarker) {
      this.catchMarker = false;
      this.endMarker = chunk;
    }
    return super.write(chunk, encoding, cb);
  }

  override end(chunk?: any, encoding?: any, cb?: any): this {
    if (typeof chunk === 'function') [cb, chunk, encoding] = [chunk, undefined, undefined];
    else if (typeof encoding === 'function') [cb, encoding] = [encoding, undefined];
    if (chunk !== undefined && chunk !== null) this.write(chunk, encoding);
    this.catchMarker = !this.writableEnded && !this.destroyed;
    super.end(null, null as never, cb);
    this.catchMarker = false;
    return this;
  }

  override _write(chunk: Buffer, encoding: BufferEncoding, cb: WriteCallback): void {
    // The end marker, or a write Duplexify will replay once uncorked: its own path.
    if (chunk === this.endMarker || (this as unknown as DuplexifyInternals)._corked) {
      super._write(chunk, encoding, cb);
      return;
    }
    this.writeCallbacks.push(cb);
    super._write(chunk, encoding, (err) => {
      // Duplexify hands a destroy error to the write waiting for 'drain' instead of emitting it.
      if (!err) return;
      const i = this.writeCallbacks.indexOf(cb);
      if (i < 0) {
        this.emit('error', err);
        return;
      }
      this.writeCallbacks.splice(i, 1);
      cb(err);
    });
  }

  override push(item: DecodedItem | null, encoding?: BufferEncoding): boolean {
    if (this.pendingError !== null) return false;
    if (item === null || Buffer.isBuffer(item)) return super.push(item, encoding);
    switch (item.kind) {
      case 'consumed': {
        this.bytesWritten += item.bytes;
        const cb = this.writeCallbacks.shift();
        if (cb) process.nextTick(cb);
        return true;
      }
      case 'ignored':
        this.emit('trailing', item.offset);
        return true;
      case 'failed':
        this.pendingError = item.error;
        this.failIfRead();
        return false;
    }
  }

  override read(size?: number): any {
    const out = super.read(size);
    if (this.pendingError !== null) this.failIfRead();
    return out;
  }

  private failIfRead(): void {
    if (this.readableLength > 0 || this.destroyed) return;
    this.destroy(this.pendingError);
  }
}
