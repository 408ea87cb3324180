/**
 * The codec core of compression, for one stream: the frame encoder (model +
 * coder), the choice of a coded or stored frame, and the running length and
 * CRC-32 of the original bytes, which bind each frame to its place (format
 * version 2 on) and go into the end record. It speaks in container records:
 * the coding stage (src/stream) and the one-call API both drive it.
 *
 * Model 3 is written in format 3: frames are grouped into blocks
 * (block-codec.ts), each block after the first starting with a fresh model
 * that learns the stream's first bytes (the prime) before its own; a
 * stream of 2 or more blocks ends with a block index. Models 1-2 (asked
 * for by tests of the frozen releases) are written in format 2, one model
 * for the whole stream, byte for byte as nnzip 0.2.0 did.
 */
import { crc32 } from 'node:zlib';
import type { FrameEncoder } from './frame-codec';
import { BlockCutter, DEFAULT_BLOCK_BYTES, DEFAULT_PRIME_BYTES, StreamTail } from './block-codec';
import {
  BLOCK_RECORD_SIZE,
  BlockRecord,
  BLOCKS_VERSION,
  FRAME_CODED,
  FRAME_HEADER_SIZE,
  FRAME_STORED,
  indexRecordSize,
  MAX_PRIME_BYTES,
} from '../format/container';
import type { ContainerRecord, StreamParams } from '../format/container';
import { frameCodec } from './load-frame-codec';


/** Model 3 and later are written in format 3 (blocks); older models in format 2. */
export function formatFor(modelId: number): number {
  return modelId >= 3 ? BLOCKS_VERSION : 2;
}

export class Encoder {
  private readonly params: StreamParams;
  private readonly version: number;
  /** Built at the first frame (see frameCodec). */
  private frames: FrameEncoder | null = null;
  /** The current frame's original bytes: coded with look-ahead to its end, and kept in case it is stored. */
  private frame: Uint8Array = new Uint8Array(0);
  private total = 0;
  private crc = 0;
  // Format 3:
  private readonly cutter: BlockCutter;
  private readonly tail = new StreamTail();
  /**
   * The stream's first bytes, up to primeBytes, copied while block 0 is
   * coded into one zero-filled array (its pages fill as it does): the prime
   * is a view of it, with no join at block 1 (peak memory, issue 11).
   */
  private prefix: Uint8Array | null = null;
  private prefixLength = 0;
  private prime: Uint8Array | null = null;
  private readonly primeBytes: number;
  /** The block record to write before the current frame (it opens a block). */
  private opening: BlockRecord | null = null;
  /** The current block's serialized size, original bytes and frames so far. */
  private blockSize = 0;
  private blockRaw = 0;
  private blockFrames = 0;

  /**
   * Format 3: `params.blockBytes` (default DEFAULT_BLOCK_BYTES) sets where
   * blocks are cut and `params.primeBytes` (default DEFAULT_PRIME_BYTES)
   * the prime's length; the block records show both.
   */
  constructor(params: StreamParams) {
    this.version = formatFor(params.modelId);
    this.params = { modelId: params.modelId, level: params.level, tableBits: params.tableBits };
    this.primeBytes = Math.min(params.primeBytes ?? DEFAULT_PRIME_BYTES, MAX_PRIME_BYTES);
    this.cutter = new BlockCutter(params.blockBytes ?? DEFAULT_BLOCK_BYTES);
  }

  header(): ContainerRecord {
    return { kind: 'header', params: this.params, version: this.version };
  }

  /**
   * Starts the next frame: all of its bytes (they must stay unchanged until
   * finishFrame). Then step() codes it, in slices of any size. In format 3
   * a frame may open a block: a fresh model then learns the prime first,
   * in the same steps.
   */
  beginFrame(frame: Uint8Array): void {
    if (this.version >= BLOCKS_VERSION) {
      if (this.cutter.next(frame.length)) {
        this.tail.addBlock(this.blockSize, this.blockRaw, this.blockFrames);
        this.blockSize = BLOCK_RECORD_SIZE;
        this.blockRaw = 0;
        this.blockFrames = 0;
        if (this.prime === null) this.prime = (this.prefix ?? new Uint8Array(0)).subarray(0, this.prefixLength);
        this.prefix = null;
        this.opening = { rawOffset: this.total, crc: this.crc, primeLength: this.prime.length };
        this.frames?.retire();
        this.frames = new (frameCodec().FrameEncoder)(this.params, this.prime);
      } else if (this.cutter.block === 0 && this.prefixLength < this.primeBytes) {
        const take = frame.subarray(0, this.primeBytes - this.prefixLength);
        this.prefix ??= new Uint8Array(this.primeBytes);
        this.prefix.set(take, this.prefixLength);
        this.prefixLength += take.length;
      }
    }
    if (this.frames === null) this.frames = new (frameCodec().FrameEncoder)(this.params);
    this.frames.begin(frame);
    this.frame = frame;
    this.total += frame.length;
    this.crc = crc32(frame, this.crc);
  }

  /** Codes about `budget` more bytes of the frame; true when it is all coded. The slices never change the output. */
  step(budget: number): boolean {
    return this.frames!.step(budget);
  }

  /** A whole frame at once: beginFrame, step to the end, finishFrame. */
  frameOf(frame: Uint8Array): ContainerRecord {
    this.beginFrame(frame);
    this.step(Infinity);
    return this.finishFrame();
  }

  /**
   * Ends the current frame: coded, or stored raw when coding would not
   * shrink it (so a stream never grows by more than its framing). Its check
   * is the running CRC-32 through its last byte.
   */
  finishFrame(): ContainerRecord {
    const coded = this.frames!.finish();
    const raw = this.frame;
    const stored = coded.length >= raw.length;
    // The raw bytes may be a view of the caller's chunk: a stored payload is a copy.
    const payload = stored ? Buffer.from(raw) : coded;
    const frame: ContainerRecord = { kind: 'frame', type: stored ? FRAME_STORED : FRAME_CODED, rawLength: raw.length, crc: this.crc, payload };
    if (this.opening !== null) {
      frame.block = this.opening;
      this.opening = null;
    }
    this.blockSize += FRAME_HEADER_SIZE + payload.length;
    this.blockRaw += raw.length;
    this.blockFrames++;
    this.frame = new Uint8Array(0);
    return frame;
  }

  /** The end record (format 3: with the block index when the stream has 2 or more blocks). */
  end(): ContainerRecord {
    // The stream is done: its model's tables can go to the next stream's (spare-tables.ts).
    this.frames?.retire();
    if (this.version < BLOCKS_VERSION) return { kind: 'end', totalLength: this.total, crc: this.crc };
    if (this.blockFrames > 0) this.tail.addBlock(this.blockSize, this.blockRaw, this.blockFrames);
    this.blockFrames = 0;
    const index = this.tail.index();
    if (index === undefined) return { kind: 'end', totalLength: this.total, crc: this.crc };
    return { kind: 'end', totalLength: this.total, crc: this.crc, indexLength: indexRecordSize(index.entries.length), index };
  }
}
