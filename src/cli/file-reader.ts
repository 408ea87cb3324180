/**
 * A regular file or a device read with fs.read (the commands' inputs
 * other than pipes: fs.ReadStream's modules cost start-up), into a few
 * buffers that are used again when compressing. fs.ReadStream gives every
 * read a new Buffer, whose memory returns only when V8 collects garbage,
 * which the coder, allocating almost no objects, seldom makes it do: the
 * dead reads of a big input piled up to several MiB of peak RSS (issue 11). Here the compressor's first stage
 * (SentenceSplitter with `recycle`) copies what it keeps and hands each
 * chunk back, and the next read goes into it.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';

/** Bytes per read: as fs.ReadStream's 64 KiB, a few reads per frame. */
const CHUNK = 1 << 17;
/** Buffers kept for reuse (chunks in flight between the stages come back later). */
const KEPT = 8;

export class RecyclingFileReader extends Readable {
  private readonly free: Buffer[] = [];
  /** The chunks pushed, exactly: a piece of one (a stream may split a chunk) never comes back, as its rest may be unread. */
  private readonly pushed = new WeakSet<Buffer>();

  /** `close`: close the descriptor at the end (not standard input's). */
  constructor(
    private readonly fd: number,
    private readonly close: boolean,
  ) {
    super({ highWaterMark: CHUNK });
  }

  override _read(): void {
    const into = this.free.pop() ?? Buffer.allocUnsafeSlow(CHUNK);
    fs.read(this.fd, into, 0, CHUNK, null, (err, n) => {
      if (err !== null) {
        this.destroy(err);
      } else if (n === 0) {
        this.push(null);
      } else {
        const chunk = into.subarray(0, n);
        this.pushed.add(chunk);
        this.push(chunk);
      }
    });
  }

  /** The coder is done with `chunk` (one of ours): its buffer takes a later read. */
  readonly recycle = (chunk: Buffer): void => {
    if (!this.pushed.delete(chunk) || this.free.length >= KEPT) return;
    this.free.push(Buffer.from(chunk.buffer, chunk.byteOffset, CHUNK));
  };

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    if (!this.close) {
      cb(err);
      return;
    }
    fs.close(this.fd, (closeErr) => cb(err ?? closeErr));
  }
}
