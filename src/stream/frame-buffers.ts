/**
 * Buffers for decoded frames that come back once written (the commands'
 * decompression: their sinks call give() after each write). A new Buffer
 * per frame is freed only when V8 collects garbage, which the decoder,
 * allocating almost no objects, seldom makes it do: dead frames piled up
 * to several MiB of peak RSS (issue 11).
 */

/** A frame of the default size (256 KiB) plus its last sentence (64 KiB) fits. */
const CAPACITY = 320 * 1024;
/** Buffers kept for reuse; more in flight come back to the garbage collector. */
const KEPT = 8;

export class FrameBuffers {
  private readonly free: Buffer[] = [];
  /** The views lent, exactly: a piece of one (a stream may split a chunk) never comes back, as its rest may be unwritten. */
  private readonly lent = new WeakSet<Buffer>();

  /** A buffer of `n` bytes, to be given back once its content is written. */
  take(n: number): Buffer {
    const i = this.free.findIndex((b) => b.length >= n);
    const store = i >= 0 ? this.free.splice(i, 1)[0] : Buffer.allocUnsafeSlow(Math.max(n, CAPACITY));
    const view = store.subarray(0, n);
    this.lent.add(view);
    return view;
  }

  /** `chunk` is written: if it is one of ours, its buffer takes a later frame. */
  readonly give = (chunk: Buffer): void => {
    if (!this.lent.delete(chunk) || this.free.length >= KEPT) return;
    this.free.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.buffer.byteLength - chunk.byteOffset));
  };
}
