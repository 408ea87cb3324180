/**
 * The compressor's coding stage when several threads may code: sentence
 * batches (frames) in, the container out (records, or bytes that workers
 * serialized), byte for byte what EncodeStage writes with one thread.
 *
 * Frames are grouped into blocks by the block rule (BlockCutter, which sees
 * frame lengths only). While the stream has one block its frames are only
 * held: if the input ends, or flush() is called, before a second block
 * starts, everything is coded here by the sequential Encoder (the reference
 * path; no worker is ever started). Once a second block starts the stream is
 * parallel: each complete block is a job for the worker pool
 * (block-codec.ts encodeBlock) and the blocks come out in order, the header
 * before them and the index and end record after. At most threads + 1
 * blocks are held at once (their input, or their output not yet pushed).
 *
 * flush() in a parallel stream: the workers finish the blocks before the
 * current one, then this thread codes the current block from its start and
 * every frame after it, frame by frame, so that what was written before the
 * flush is out when its callback runs (a writer that flushes waits for its
 * bytes; it is not after throughput).
 */
import type { TransformCallback } from 'node:stream';
import { crc32 } from 'node:zlib';
import {
  BlockCutter,
  DEFAULT_BLOCK_BYTES,
  DEFAULT_PRIME_BYTES,
  EncodeBlockJob,
  EncodedBlock,
  frameBytes,
  primeLength,
  streamHeader,
  StreamTail,
} from '../coder/block-codec';
import { Encoder, formatFor } from '../coder/encoder';
import type { FrameEncoder } from '../coder/frame-codec';
import { BLOCK_RECORD_SIZE, BlockRecord, BLOCKS_VERSION, BlockStart, encodeBlockRecord, MAX_PRIME_BYTES, StreamParams } from '../format/container';
import type { SentenceBatch } from '../stream/sentence-batcher';
import { BatchItem, FLUSH_SIGNAL, isFlush } from '../stream/signals';
import { SlicedTransform } from '../stream/sliced-transform';
import { OrderedJobs } from './ordered-jobs';
import type { WorkerPool } from './pool';
import type { EncodeAnswer } from './worker';

type Mode = 'gather' | 'sequential' | 'parallel';

/** Room past blockBytes in a block's store: the default frame (256 KiB) and its last sentence (64 KiB). */
const FRAME_ROOM = 320 * 1024;
/** A store's first size at most (+ FRAME_ROOM): a larger block grows its store as it comes. */
const MAX_STORE = 64 << 20;

export class ThreadedEncodeStage extends SlicedTransform {
  private readonly params: StreamParams;
  private readonly threads: number;
  private readonly primeBytes: number;
  private readonly cutter: BlockCutter;
  private mode: Mode;
  /** The current block's frames, not yet coded: views of `store`. */
  private frames: Uint8Array[] = [];
  /**
   * The current block's bytes, its frames one after another: the buffer
   * goes to the worker whole (moved, not copied) and comes back with the
   * block's result to take a later block (spareStore). A copy per frame, or
   * a buffer per block, would be garbage that V8 collects seldom here, as
   * the coder allocates few objects (issue 11: peak RSS with threads).
   */
  private store: ArrayBuffer | null = null;
  private stored = 0;
  /** A block's buffer that a worker sent back, for the next block. */
  private spareStore: ArrayBuffer | null = null;
  private total = 0;
  private crc = 0;
  /** The current block: its index and where it starts. */
  private blockIndex = 0;
  private blockStart: BlockStart = { rawOffset: 0, crc: 0 };
  /** Block 0's first bytes (copies), then the prime. */
  private prefix: Buffer[] = [];
  private prefixLength = 0;
  private prime: Uint8Array | null = null;
  private encoder: Encoder | null = null;
  private pool: WorkerPool | null = null;
  private jobs: OrderedJobs | null = null;
  private readonly tail = new StreamTail();
  /** After a flush in a parallel stream: this thread codes the rest. */
  private local: LocalBlocks | null = null;

  constructor(params: StreamParams, threads: number) {
    super({ objectMode: true, highWaterMark: 1 });
    this.params = { modelId: params.modelId, level: params.level, tableBits: params.tableBits };
    this.threads = threads;
    this.primeBytes = Math.min(params.primeBytes ?? DEFAULT_PRIME_BYTES, MAX_PRIME_BYTES);
    this.cutter = new BlockCutter(params.blockBytes ?? DEFAULT_BLOCK_BYTES);
    // Formats without blocks have nothing to share out.
    this.mode = formatFor(params.modelId) >= BLOCKS_VERSION ? 'gather' : 'sequential';
    if (this.mode === 'sequential') this.startEncoder(params);
    this.encoderParams = params;
  }

  /** The options as given (blockBytes included), for the sequential Encoder. */
  private readonly encoderParams: StreamParams;

  /** Worker threads started so far: none until the stream has a second block. */
  get workersStarted(): number {
    return this.pool?.started ?? 0;
  }

  override _transform(item: BatchItem, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.mode === 'sequential') {
      this.codeSequential(item, cb);
      return;
    }
    if (this.local !== null) {
      this.codeLocal(item, cb);
      return;
    }
    if (isFlush(item)) {
      if (this.mode === 'gather') this.goSequential(() => this.codeSequential(item, cb));
      else this.goLocal(() => this.codeLocal(item, cb));
      return;
    }
    const data = (item as SentenceBatch).data;
    if (this.cutter.next(data.length)) {
      // The frame opens a block: the stream has a second one, and is parallel from here on.
      if (this.mode === 'gather') this.goParallel();
      this.dispatch();
    }
    // A copy: the frame is a view of the caller's chunk, which may be reused once its write has called back.
    const frame = this.keep(data);
    (item as SentenceBatch).release?.();
    this.frames.push(frame);
    this.countIn(frame);
    if (this.jobs !== null && !this.hasRoom()) this.waiting = cb;
    else cb();
  }

  /** The transform callback held until there is room (a block released, or the reader took output). */
  private waiting: TransformCallback | null = null;

  /** Room for more input: fewer than threads + 1 blocks held, and the output read. */
  private hasRoom(): boolean {
    return this.jobs!.hasRoom && this.readableLength < this.readableHighWaterMark;
  }

  private wake(): void {
    const cb = this.waiting;
    if (cb !== null && this.hasRoom()) {
      this.waiting = null;
      cb();
    }
  }

  override _read(size: number): void {
    super._read(size);
    if (this.waiting !== null) process.nextTick(() => this.wake());
  }

  override _flush(cb: TransformCallback): void {
    if (this.mode === 'gather') {
      this.goSequential(() => cb(null, this.encoder!.end()));
    } else if (this.mode === 'sequential') {
      cb(null, this.encoder!.end());
    } else {
      if (this.local === null && this.frames.length > 0) this.dispatch();
      this.jobs!.whenDrained(() => {
        if (this.destroyed || this.jobs!.hasFailed) return;
        this.local?.close();
        this.stopWorkers();
        cb(null, this.tail.finish(this.crc));
      });
    }
  }

  override _destroy(err: Error | null, cb: (error?: Error | null) => void): void {
    this.stopWorkers();
    super._destroy(err, cb);
  }

  /** Counts a frame into the stream's length and CRC, and block 0's first bytes into the prefix. */
  private countIn(frame: Uint8Array): void {
    this.total += frame.length;
    this.crc = crc32(frame, this.crc);
    if (this.blockIndex === 0 && this.prefixLength < this.primeBytes) {
      const part = Buffer.from(frame.subarray(0, this.primeBytes - this.prefixLength));
      this.prefix.push(part);
      this.prefixLength += part.length;
    }
  }

  // ------------------------------------------------------------ one thread

  private startEncoder(params: StreamParams): void {
    this.encoder = new Encoder(params);
    this.push(this.encoder.header());
  }

  /** The stream has one block so far: the sequential Encoder codes it, and all that follows. */
  private goSequential(then: () => void): void {
    this.mode = 'sequential';
    this.startEncoder(this.encoderParams);
    const frames = this.frames;
    this.frames = [];
    this.dropStore();
    this.prefix = [];
    let i = 0;
    const next = (err?: Error | null): void => {
      if (err) {
        this.destroy(err);
        return;
      }
      if (i < frames.length) {
        const frame = frames[i++];
        this.sliced(
          () => this.encoder!.beginFrame(frame),
          (budget) => this.encoder!.step(budget),
          () => this.push(this.encoder!.finishFrame()),
          next,
        );
      } else {
        then();
      }
    };
    next();
  }

  private codeSequential(item: BatchItem, cb: TransformCallback): void {
    if (isFlush(item)) {
      cb(null, item);
      return;
    }
    const encoder = this.encoder!;
    this.sliced(
      () => encoder.beginFrame((item as SentenceBatch).data),
      (budget) => encoder.step(budget),
      () => {
        this.push(encoder.finishFrame());
        (item as SentenceBatch).release?.();
      },
      (err) => cb(err),
    );
  }

  /**
   * Codes one frame in slices (see SlicedTransform): `begin`, then `step`
   * with pieces until it returns true, then `finish`; `done` after it, or
   * with the error.
   */
  private sliced(begin: () => void, step: (budget: number) => boolean, finish: () => void, done: (err?: Error | null) => void): void {
    try {
      begin();
    } catch (err) {
      done(err as Error);
      return;
    }
    this.stepInSlices(step, finish, (err) => done(err));
  }

  // ------------------------------------------------------------ workers

  private goParallel(): void {
    this.mode = 'parallel';
    // Loaded only now: a stream of one block never needs worker_threads.
    const { WorkerPool } = require('./pool') as typeof import('./pool');
    this.pool = new WorkerPool(this.threads);
    this.jobs = new OrderedJobs(
      this.pool,
      this.threads + 1,
      (result) => this.release(result as EncodedBlock),
      (error) => this.destroy(error),
    );
    // Block k >= 1 learns the stream's first primeLength(primeBytes, |block 0|) bytes: shared memory, one copy for every job.
    const length = primeLength(this.primeBytes, this.total);
    const prime = new Uint8Array(new SharedArrayBuffer(length));
    let at = 0;
    for (const p of this.prefix) {
      const part = p.subarray(0, length - at);
      prime.set(part, at);
      at += part.length;
    }
    this.prime = prime;
    this.prefix = [];
    this.push(streamHeader(this.params));
  }

  /** Sends the gathered block to a worker; the frame being taken opens the next one. */
  private dispatch(): void {
    const job: EncodeBlockJob = {
      params: this.params,
      index: this.blockIndex,
      prime: this.blockIndex === 0 ? null : this.prime,
      frames: this.frames,
      start: this.blockStart,
    };
    this.jobs!.add({ kind: 'encode', job, transfer: this.store === null ? [] : [this.store] });
    this.blockIndex = this.cutter.block;
    this.blockStart = { rawOffset: this.total, crc: this.crc };
    this.frames = [];
    this.dropStore();
  }

  /** A copy of `data` after the block's frames so far, in `store`. */
  private keep(data: Uint8Array): Uint8Array {
    const need = this.stored + data.length;
    if (this.store === null || need > this.store.byteLength) this.growStore(need);
    const frame = new Uint8Array(this.store!, this.stored, data.length);
    frame.set(data);
    this.stored = need;
    return frame;
  }

  /** A store of at least `need` bytes, the block's frames so far moved into it. */
  private growStore(need: number): void {
    let next: ArrayBuffer;
    if (this.store === null && this.spareStore !== null && this.spareStore.byteLength >= need) {
      next = this.spareStore;
    } else {
      // Room for a whole block (one ends with the frame that reaches blockBytes); more only if frames are larger.
      const block = Math.min(this.cutter.blockBytes, MAX_STORE) + FRAME_ROOM;
      next = new ArrayBuffer(need <= block ? block : need + (need >>> 1));
    }
    this.spareStore = null;
    if (this.store !== null) {
      new Uint8Array(next).set(new Uint8Array(this.store, 0, this.stored));
      this.frames = this.frames.map((f) => new Uint8Array(next, f.byteOffset, f.length));
    }
    this.store = next;
  }

  /** The block's frames are taken (moved to a worker, or coded here): the next block starts a store. */
  private dropStore(): void {
    this.store = null;
    this.stored = 0;
  }

  private release(block: EncodedBlock): void {
    // The block's buffer, back from the worker (pool worker.ts): the next block's store.
    const input = (block as EncodeAnswer).input;
    if (input !== undefined && input.buffer instanceof ArrayBuffer) this.spareStore = input.buffer;
    const records = asBuffer(block.records);
    this.tail.addBlock(records.length, block.rawLength, block.frames);
    this.push(records);
    process.nextTick(() => this.wake());
  }

  private stopWorkers(): void {
    this.jobs?.stop();
    void this.pool?.destroy();
  }

  // ------------------------------------------------------------ after a flush

  /** Waits for the workers' blocks, then codes the current block's frames so far on this thread. */
  private goLocal(then: () => void): void {
    this.jobs!.whenDrained(() => {
      if (this.destroyed || this.jobs!.hasFailed) return;
      this.local = new LocalBlocks(this.params, this.prime!, this.tail, this.blockIndex, this.blockStart);
      const frames = this.frames;
      this.frames = [];
      this.dropStore();
      let i = 0;
      const next = (err?: Error | null): void => {
        if (err) {
          this.destroy(err);
          return;
        }
        if (i < frames.length) this.codeLocalFrame(frames[i++], false, next);
        else then();
      };
      next();
    });
  }

  private codeLocal(item: BatchItem, cb: TransformCallback): void {
    if (isFlush(item)) {
      cb(null, FLUSH_SIGNAL);
      return;
    }
    const frame = (item as SentenceBatch).data;
    const opens = this.cutter.next(frame.length);
    const start: BlockRecord = { rawOffset: this.total, crc: this.crc, primeLength: this.prime!.length };
    this.countIn(frame);
    this.codeLocalFrame(frame, opens ? start : false, (err) => cb(err));
  }

  private codeLocalFrame(frame: Uint8Array, opens: BlockRecord | false, done: (err?: Error | null) => void): void {
    const local = this.local!;
    this.sliced(
      () => local.begin(frame, opens),
      (budget) => local.step(budget),
      () => this.push(local.finish(frame, crc32(frame, local.crc))),
      done,
    );
  }
}

/**
 * Blocks coded on this thread, from the middle of a stream: what the
 * sequential Encoder does at block k, from the block's start (a fresh model
 * that learns the prime), with the stream's tail shared.
 */
class LocalBlocks {
  private readonly params: StreamParams;
  private readonly prime: Uint8Array;
  private readonly tail: StreamTail;
  private coder: FrameEncoder;
  /** The block record still to write (before the next frame). */
  private opening: BlockRecord | null;
  private blockSize = 0;
  private blockRaw = 0;
  private blockFrames = 0;
  /** The running CRC through the last frame finished. */
  crc: number;

  constructor(params: StreamParams, prime: Uint8Array, tail: StreamTail, index: number, start: BlockStart) {
    this.params = params;
    this.prime = prime;
    this.tail = tail;
    this.coder = new (frameCodec().FrameEncoder)(params, index > 0 ? prime : null);
    this.opening = index > 0 ? { ...start, primeLength: prime.length } : null;
    this.blockSize = index > 0 ? BLOCK_RECORD_SIZE : 0;
    this.crc = start.crc;
  }

  begin(frame: Uint8Array, opens: BlockRecord | false): void {
    if (opens !== false) {
      this.close();
      this.coder = new (frameCodec().FrameEncoder)(this.params, this.prime);
      this.opening = opens;
      this.blockSize = BLOCK_RECORD_SIZE;
    }
    this.coder.begin(frame);
  }

  step(budget: number): boolean {
    return this.coder.step(budget);
  }

  /** The frame's bytes (after its block's record if it opens one); `crc` is the running CRC-32 through it. */
  finish(frame: Uint8Array, crc: number): Buffer {
    const parts = frameBytes(frame, this.coder.finish(), crc);
    // (The block record was counted in the block's size when it opened.)
    for (const p of parts) this.blockSize += p.length;
    if (this.opening !== null) {
      parts.unshift(encodeBlockRecord(this.opening));
      this.opening = null;
    }
    const out = Buffer.concat(parts);
    this.blockRaw += frame.length;
    this.blockFrames++;
    this.crc = crc;
    return out;
  }

  /** Ends the current block: it goes into the index. */
  close(): void {
    if (this.blockFrames > 0) this.tail.addBlock(this.blockSize, this.blockRaw, this.blockFrames);
    this.blockFrames = 0;
    this.blockRaw = 0;
    this.blockSize = 0;
  }
}

/** The frame codec (and the model), loaded when a frame is coded here: an empty input never needs it. */
function frameCodec(): typeof import('../coder/frame-codec') {
  return require('../coder/frame-codec') as typeof import('../coder/frame-codec');
}

/** A worker's Buffer arrives as a plain Uint8Array: seen as a Buffer again, without a copy. */
function asBuffer(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}
