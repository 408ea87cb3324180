/**
 * The decompressor's decoding stage when several threads may decode:
 * container records in, original bytes out, as DecodeStage, with the same
 * bytes, the same errors in the same order, and never a byte that has not
 * passed its checks.
 *
 * Everything is decoded here, in order, by the sequential Decoder, except
 * the blocks k >= 1 of a format-3 stream: those are gathered (their records
 * serialized again, as they were in the input) and, once complete and once
 * the stream's prime (the first bytes of block 0) is decoded here, each is
 * a job for the worker pool (block-codec.ts decodeBlock). Their bytes are
 * released in stream order, each block only after its frames' CRCs passed
 * (in the worker) and its record was found to start exactly where the
 * blocks before it ended (checkBlockStart here); after the last block, the
 * end record's length and CRC are checked against the running ones.
 *
 * So that block 0, decoded here, and the later blocks, decoded by workers,
 * overlap, records of a format-3 stream are read ahead, whether the output
 * is read or not (at most READ_AHEAD_BYTES of them waiting, threads + 1
 * blocks, and never past the end of the stream being decoded). Streams of
 * formats 1-2 are read one record at a time, as DecodeStage reads them.
 * The decompressor takes the next input chunk only once the last one's
 * 'consumed' signal (its write callback) is out, which is once its records
 * are decoded. Past the stream's first EAGER_AFTER bytes (when the prime of
 * its later blocks is known, so reading ahead starts to pay), and for the
 * chunks taken into a block being gathered (a block's bytes need the chunks
 * after it), the signal goes out as soon as the records are taken instead.
 */
import type { TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import { checkBlockStart, checkPrimeLength, checkStreamEnd, DecodeBlockJob, DecodedBlock, errorFromWire, PrimeKeeper, WireError } from '../coder/block-codec';
import { Decoder } from '../coder/decoder';
import { BlockRecord, BLOCKS_VERSION, serializeRecord, StreamParams } from '../format/container';
import { bufferTooLarge } from '../format/errors';
import type { TrailingHandling } from '../options';
import type { DecodedItem, RecordItem } from '../stream/signals';
import { SlicedTransform } from '../stream/sliced-transform';
import { JobSlot } from './ordered-jobs';
import type { WorkerPool } from './pool';

/** Records of a format-3 stream read ahead of the one being decoded here, in bytes. */
export const READ_AHEAD_BYTES = 32 << 20;
/** Content decoded in a stream before its input is read ahead (the default prime's length: later blocks cannot start sooner). */
export const EAGER_AFTER = 1 << 20;

/** A block k >= 1 of a parallel stream: its records as they were in the input, then its decoded result. */
interface BlockItem {
  kind: 'block';
  /** Which of the input's streams it belongs to (counted from 1). */
  stream: number;
  index: number;
  /** Its block record. */
  record: BlockRecord;
  /** Its first frame's original length (the output limit is checked against it first, as the Decoder does). */
  firstRaw: number;
  parts: Buffer[];
  bytes: number;
  /** Bytes the stage will have released before this block, if every frame before it decodes. */
  releasedBefore: number;
  firstFrame: number;
  sealed: boolean;
  slot: JobSlot | null;
}

type Item = RecordItem | BlockItem;

export class ThreadedDecodeStage extends SlicedTransform {
  private readonly maxOutputLength: number;
  private readonly trailing: TrailingHandling;
  private readonly threads: number;
  private decoder: Decoder;
  private readonly items: Item[] = [];
  /** Bytes of the records waiting in `items` (block items not counted: see blocksHeld). */
  private queuedBytes = 0;
  /** Blocks gathered or decoding and not yet released. */
  private blocksHeld = 0;
  /** The block being gathered (its records keep coming). */
  private open: BlockItem | null = null;
  /** The transform callback waiting for room. */
  private waiting: TransformCallback | null = null;
  private ended: TransformCallback | null = null;
  /** A frame is being decoded here (in slices). */
  private busy = false;
  /** The readable side is full: decoding waits for _read. */
  private full = false;
  private failed = false;
  private ignored = false;
  /** Bytes released (pushed) so far, over all streams; and bytes that will be once all queued frames are. */
  private released = 0;
  private planned = 0;

  // The stream being read (queue side).
  private readStream = 0;
  private readVersion = 0;
  private readFrames = 0;
  private readBlocks = 0;

  // The stream being decoded (release side).
  private stream = 0;
  private params: StreamParams | null = null;
  private version = 0;
  private total = 0;
  private crc = 0;
  /** Block 0's first bytes (as the Decoder keeps them), then the prime (shared with every job). */
  private kept = new PrimeKeeper(0);
  private prime: Uint8Array | null = null;
  /** The prime block 1 asks for cannot be (it is longer than block 0): the first block's error. */
  private primeError: Error | null = null;
  /** A block of this stream was decoded by a worker: its end is checked here, not by the Decoder. */
  private parallel = false;
  /** The release side has reached block 1: block 0 is all decoded. */
  private pastBlock0 = false;
  /** This stream has EAGER_AFTER bytes decoded: its chunks call back once taken. */
  private eager = false;

  private pool: WorkerPool | null = null;

  constructor(maxOutputLength: number, trailing: TrailingHandling, threads: number) {
    super({ objectMode: true, highWaterMark: 1 });
    this.maxOutputLength = maxOutputLength;
    this.trailing = trailing;
    this.threads = threads;
    this.decoder = new Decoder(maxOutputLength, trailing);
  }

  /** Worker threads started so far: none until a stream has a second block. */
  get workersStarted(): number {
    return this.pool?.started ?? 0;
  }

  override _transform(item: RecordItem, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.failed) {
      cb();
      return;
    }
    this.enqueue(item);
    if (this.hasRoom()) cb();
    else this.waiting = cb;
    this.pump();
  }

  override _flush(cb: TransformCallback): void {
    this.seal();
    this.ended = cb;
    this.pump();
  }

  override _read(size: number): void {
    if (this.full) {
      this.full = false;
      // Not from inside _read: pushing from here would recurse.
      process.nextTick(() => this.pump());
    }
    super._read(size);
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.stopWorkers();
    super._destroy(err, cb);
  }

  // ------------------------------------------------------------ the queue side

  private enqueue(item: RecordItem): void {
    if (item.kind === 'consumed' && (this.open !== null || (this.eager && this.readStream === this.stream))) {
      // Taken, and read ahead of the decoding: out now, so that the next chunk comes (see the file's comment).
      this.push(item);
      return;
    }
    if (item.kind === 'header') {
      this.readStream++;
      this.readVersion = item.version;
      this.readFrames = 0;
      this.readBlocks = 0;
    }
    if (item.kind === 'frame') {
      if (this.readVersion >= BLOCKS_VERSION && item.block !== undefined && this.threads > 1) {
        this.seal();
        this.readBlocks++;
        this.open = {
          kind: 'block',
          stream: this.readStream,
          index: this.readBlocks,
          record: item.block,
          firstRaw: item.rawLength,
          parts: [],
          bytes: 0,
          releasedBefore: this.planned,
          firstFrame: this.readFrames + 1,
          sealed: false,
          slot: null,
        };
        this.blocksHeld++;
        this.items.push(this.open);
      }
      this.readFrames++;
      this.planned += item.rawLength;
      if (this.open !== null) {
        // Copied: the payload may be a view of a chunk whose write calls back before the block is decoded.
        for (const b of serializeRecord(item)) {
          this.open.parts.push(Buffer.from(b));
          this.open.bytes += b.length;
        }
        return;
      }
      // Copied: its chunk may call back before the frame is decoded (read ahead past EAGER_AFTER, or a
      // later block opened in the same chunk), and its writer may then fill the chunk again.
      item = { ...item, payload: Buffer.from(item.payload) };
      this.queuedBytes += item.payload.length;
    } else {
      // An end record, a failure, the next stream: the block being gathered is complete.
      this.seal();
      if (item.kind === 'trailing') item = { ...item, data: Buffer.from(item.data) };
    }
    this.items.push(item);
  }

  private seal(): void {
    if (this.open === null) return;
    this.open.sealed = true;
    this.open = null;
    this.primeReady();
    this.dispatchReady();
  }

  private hasRoom(): boolean {
    if (this.blocksHeld > this.threads + 1) return false;
    // Reading ahead is for finding the blocks of the stream being decoded, never past its end
    // (a reader that does not read holds up at most the rest of one stream).
    if (this.readStream > this.stream) return false;
    const ahead = this.readVersion >= BLOCKS_VERSION ? READ_AHEAD_BYTES : 0;
    return this.queuedBytes <= ahead;
  }

  private wake(): void {
    const cb = this.waiting;
    if (cb !== null && this.hasRoom()) {
      this.waiting = null;
      cb();
    }
  }

  /** Sends every complete block of the stream being decoded to the pool, once its prime is known. */
  private dispatchReady(): void {
    if (this.prime === null || this.failed) return;
    for (const it of this.items) {
      if (it.kind !== 'block' || it.stream !== this.stream || !it.sealed || it.slot !== null) continue;
      if (this.pool === null) {
        // The first second block: workers start now, never for a stream of one block.
        const { WorkerPool } = require('./pool') as typeof import('./pool');
        this.pool = new WorkerPool(this.threads);
      }
      const data = concatOwned(it.parts, it.bytes);
      it.parts = [];
      const job: DecodeBlockJob = {
        params: this.params!,
        index: it.index,
        prime: this.prime,
        data,
        maxOutputLength: this.maxOutputLength,
        releasedBefore: it.releasedBefore,
        firstFrame: it.firstFrame,
      };
      it.slot = new JobSlot(this.pool.run({ kind: 'decode', job, transfer: [data.buffer as ArrayBuffer] }), () => this.pump());
    }
  }

  // ------------------------------------------------------------ the release side

  /** Handles the items at the head of the queue, in order, as far as it can now; then takes more input if there is room. */
  private pump(): void {
    this.drain();
    this.wake();
  }

  private drain(): void {
    while (!this.busy && !this.full && !this.destroyed) {
      if (this.failed) {
        this.items.length = 0;
        this.queuedBytes = 0;
        this.blocksHeld = 0;
      }
      const item = this.items[0];
      if (item === undefined) {
        this.wake();
        if (this.ended !== null && this.open === null) {
          const cb = this.ended;
          this.ended = null;
          this.stopWorkers();
          cb();
        }
        return;
      }
      if (item.kind === 'block') {
        if (!this.pastBlock0) {
          this.pastBlock0 = true;
          this.primeReady();
        }
        // (A stream whose prime cannot be has its first block fail without a worker.)
        if (this.primeError === null && (item.slot === null || !item.slot.done)) return;
        this.items.shift();
        this.blocksHeld--;
        this.releaseBlock(item);
      } else if (item.kind === 'frame') {
        this.decodeFrame(item);
      } else {
        this.items.shift();
        this.handle(item);
      }
      this.wake();
    }
  }

  /**
   * Releases a block a worker decoded, after the checks the Decoder makes at
   * a block record, in its order: the output limit at the first frame, the
   * block's start, its prime.
   */
  private releaseBlock(item: BlockItem): void {
    try {
      if (item.releasedBefore + item.firstRaw > this.maxOutputLength) {
        throw bufferTooLarge(
          this.maxOutputLength,
          `the decompressed data exceeds maxOutputLength (${item.releasedBefore} bytes out, the next frame holds ${item.firstRaw} more)`,
        );
      }
      checkBlockStart(item.index, item.record, { rawOffset: this.total, crc: this.crc });
      if (this.primeError !== null) throw this.primeError;
      checkPrimeLength(item.index, item.record.primeLength, this.prime!);
    } catch (err) {
      this.fail(err as Error);
      return;
    }
    const { result, error } = item.slot!;
    if (error !== null) {
      this.fail(error);
      return;
    }
    const d = result as DecodedBlock & { error: WireError | null };
    const blockError = d.error === null ? null : errorFromWire(d.error);
    const data = asBuffer(d.data);
    this.parallel = true;
    if (data.length > 0) {
      this.total += data.length;
      this.crc = d.crcAfter;
      this.out(data);
    }
    if (blockError !== null) this.fail(blockError);
  }

  /** Decodes a frame here, in slices, with the sequential Decoder. */
  private decodeFrame(item: RecordItem & { kind: 'frame' }): void {
    let decoding: boolean;
    try {
      decoding = this.decoder.accept(item);
    } catch (err) {
      this.items.shift();
      this.queuedBytes -= item.payload.length;
      this.fail(err as Error);
      return;
    }
    this.busy = true;
    const done = (err: Error | null, out: Buffer | null): void => {
      this.busy = false;
      this.items.shift();
      this.queuedBytes -= item.payload.length;
      if (err !== null) this.fail(err);
      else if (out !== null) {
        this.total += out.length;
        this.crc = crc32(out, this.crc);
        this.takePrefix(out);
        if (out.length > 0) this.out(out);
      }
      this.pump();
    };
    if (!decoding) {
      done(null, null);
      return;
    }
    this.stepInSlices(
      (piece) => this.decoder.step(piece),
      () => this.decoder.finishFrame(),
      done,
    );
  }

  /** Headers, end records, trailing data and signals: in order, as DecodeStage handles them. */
  private handle(item: RecordItem): void {
    try {
      switch (item.kind) {
        case 'consumed':
          this.push(item);
          return;
        case 'failed':
          this.fail(item.error);
          return;
        case 'trailing': {
          const data = this.decoder.trailingBytes(item);
          if (data !== null) {
            this.planned += data.length;
            this.out(data);
          } else if (!this.ignored) {
            this.ignored = true;
            this.push({ kind: 'ignored', offset: item.offset } satisfies DecodedItem);
          }
          return;
        }
        case 'header':
          if (this.parallel) {
            // The Decoder did not see the last stream's later blocks: a new one, with what is left of the limit.
            this.decoder = new Decoder(this.maxOutputLength - this.released, this.trailing);
          }
          this.decoder.accept(item);
          this.stream++;
          this.params = item.params;
          this.version = item.version;
          this.total = 0;
          this.crc = 0;
          this.kept = new PrimeKeeper(item.version);
          this.prime = null;
          this.primeError = null;
          this.parallel = false;
          this.eager = false;
          this.pastBlock0 = false;
          return;
        case 'end':
          if (this.parallel) {
            checkStreamEnd(item, this.total, this.crc);
          } else {
            this.decoder.accept(item);
          }
          return;
      }
    } catch (err) {
      this.fail(err as Error);
    }
  }

  /** Block 0's first bytes, kept for the prime of the stream's later blocks. */
  private takePrefix(out: Buffer): void {
    if (!this.eager && this.version >= BLOCKS_VERSION && this.total >= EAGER_AFTER) this.goEager();
    if (this.pastBlock0 || this.prime !== null || this.version < BLOCKS_VERSION) return;
    this.kept.take(out);
    this.primeReady();
  }

  /** From now on this stream's chunks call back once taken: those waiting behind records go out now. */
  private goEager(): void {
    this.eager = true;
    const waiting = this.items.filter((it) => it.kind === 'consumed');
    if (waiting.length === 0) return;
    for (let i = this.items.length - 1; i >= 0; i--) if (this.items[i].kind === 'consumed') this.items.splice(i, 1);
    for (const it of waiting) this.push(it);
  }

  /**
   * Makes the prime once it is known: block 1's record says its length, and
   * block 0 has that many bytes decoded (or is all decoded). Then the
   * stream's blocks may go to workers.
   */
  private primeReady(): void {
    if (this.prime !== null || this.primeError !== null || this.version < BLOCKS_VERSION) return;
    const first = this.items.find((it): it is BlockItem => it.kind === 'block' && it.stream === this.stream);
    if (first === undefined) return;
    const want = first.record.primeLength;
    if (this.kept.length < want && !this.pastBlock0) return;
    let kept: Uint8Array;
    try {
      kept = this.kept.prime(want, first.record.rawOffset);
    } catch (err) {
      this.primeError = err as Error;
      return;
    }
    const prime = new Uint8Array(new SharedArrayBuffer(kept.length));
    prime.set(kept);
    this.prime = prime;
    this.dispatchReady();
  }

  private out(data: Buffer): void {
    this.released += data.length;
    if (!this.push(data)) this.full = true;
  }

  private fail(error: Error): void {
    if (this.failed) return;
    this.failed = true;
    this.push({ kind: 'failed', error } satisfies DecodedItem);
    this.stopWorkers();
    this.items.length = 0;
    this.queuedBytes = 0;
    this.blocksHeld = 0;
    this.open = null;
  }

  private stopWorkers(): void {
    const pool = this.pool;
    this.pool = null;
    void pool?.destroy();
  }
}

/** A block's bytes in memory of their own, so they can be moved to the worker rather than copied. */
function concatOwned(parts: Buffer[], length: number): Buffer {
  const out = Buffer.from(new ArrayBuffer(length));
  let at = 0;
  for (const p of parts) {
    p.copy(out, at);
    at += p.length;
  }
  return out;
}

function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

