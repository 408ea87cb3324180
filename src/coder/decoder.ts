/**
 * The codec core of decompression (the decoding stage and the one-call API
 * drive it): turns container records back into bytes, verifying every frame's check
 * before its bytes are released, and the stream's length and CRC at its end:
 * damaged input is an error, never wrong output. In format version 2 a
 * frame's check is the running CRC-32 of the stream through that frame, so a
 * frame out of place fails too; version 1 checked each frame alone.
 *
 * Format 3: a block record (it comes with the frame it opens) must say
 * where the blocks before it ended (length and running CRC), and the block
 * starts with a fresh model that learns the prime (the stream's first
 * bytes, kept while block 0 is decoded) before its frames. The block index
 * is not needed to decode and its content is not checked here (-l checks
 * it before it trusts it).
 *
 * No Node API on this path (bytes.ts, crc32.ts): it also runs in browsers
 * (src/browser).
 */
import type { FrameDecoder } from './frame-codec';
import { checkBlockStart, checkPrimeLength, checkStreamEnd, frameCheckError, PrimeKeeper } from './block-codec';
import { bufferTooLarge } from '../format/errors';
import { crc32 } from '../format/crc32';
import type { ContainerRecord, StreamParams } from '../format/container';
import type { TrailingHandling } from '../options';
import { frameCodec } from './load-frame-codec';


export class Decoder {
  private readonly maxOutputLength: number;
  private readonly trailing: TrailingHandling;
  /** Bytes released so far, over all concatenated streams (trailing bytes copied included). */
  private released = 0;
  private decoder: FrameDecoder | null = null;
  /** Where a frame of n bytes is decoded to, if not a new Buffer (the commands reuse written ones: stream/frame-buffers.ts). */
  outputBuffer: ((n: number) => Buffer) | null = null;
  /** Version 1: each frame's CRC stands alone. */
  private perFrameCrc = false;
  private total = 0;
  private crc = 0;
  private expectedCrc = 0;
  private frames = 0;
  private params: StreamParams | null = null;
  /** Format 3: blocks opened so far after block 0; the stream's first bytes (up to MAX_PRIME_BYTES) while block 0 lasts, then the prime. */
  private blocks = 0;
  private kept = new PrimeKeeper(0);
  private prime: Uint8Array | null = null;
  /** The frame being decoded (the prime keeper keeps a copy of block 0's first records). */
  private current: { type: number; payload: Uint8Array; rawLength: number } | null = null;

  /**
   * `maxOutputLength`: the most bytes it may release, checked before a frame
   * is decoded (a bomb costs no work past it); `trailing`: what becomes of
   * data after the last stream (the reader must be in mode 'report' unless
   * it is 'error').
   */
  constructor(maxOutputLength = Infinity, trailing: TrailingHandling = 'error') {
    this.maxOutputLength = maxOutputLength;
    this.trailing = trailing;
  }

  /**
   * Handles a header or end record; returns true if `r` is a frame to decode
   * with step/finishFrame. Trailing data is the caller's to copy or drop.
   */
  accept(r: ContainerRecord): boolean {
    if (r.kind === 'trailing') return false;
    if (r.kind === 'frame') this.reserve(r.rawLength, 'the next frame holds');
    if (r.kind === 'header') {
      this.params = r.params;
      this.decoder = null; // built at the first frame (see frameCodec)
      this.perFrameCrc = r.version === 1;
      this.total = 0;
      this.crc = 0;
      this.frames = 0;
      this.blocks = 0;
      this.kept = new PrimeKeeper(r.version, r.params);
      this.prime = null;
      return false;
    }
    if (r.kind === 'end') {
      checkStreamEnd(r, this.total, this.crc);
      // The stream is done: its model's tables can go to the next one's (spare-tables.ts).
      this.decoder?.retire();
      this.decoder = null;
      return false;
    }
    if (r.block !== undefined) {
      checkBlockStart(this.blocks + 1, r.block, { rawOffset: this.total, crc: this.crc });
      // The block before is done: its model's tables go to the next model (a prime decoded again, or this block's).
      this.decoder?.retire();
      this.decoder = null;
      if (this.prime === null) this.prime = this.kept.prime(r.block.primeLength, r.block.rawOffset);
      else checkPrimeLength(this.blocks + 1, r.block.primeLength, this.prime);
      this.blocks++;
      this.decoder = new (frameCodec().FrameDecoder)(this.params!, this.prime);
    }
    if (this.decoder === null) this.decoder = new (frameCodec().FrameDecoder)(this.params!);
    this.decoder.begin(r.type, r.payload, r.rawLength, this.outputBuffer?.(r.rawLength));
    this.expectedCrc = r.crc;
    this.current = r;
    return true;
  }

  /** Decodes up to `budget` bytes of the current frame; true when it is complete. */
  step(budget: number): boolean {
    return this.decoder!.step(budget);
  }

  /** The verified bytes of the frame just decoded. */
  finishFrame(): Buffer {
    const out = this.decoder!.result();
    const running = crc32(out, this.crc);
    const check = this.perFrameCrc ? crc32(out) : running;
    this.frames++;
    if (check !== this.expectedCrc) throw frameCheckError(this.frames, check, this.expectedCrc, this.perFrameCrc);
    this.kept.take(out, this.current!); // block 0's first bytes: the prime of every later block
    this.total += out.length;
    this.released += out.length;
    this.crc = running;
    return out;
  }

  /** Trailing data (a reader's 'trailing' record): the bytes to release ('copy'), or null to drop them. */
  trailingBytes(r: ContainerRecord & { kind: 'trailing' }): Buffer | null {
    if (this.trailing !== 'copy') return null;
    this.reserve(r.data.length, 'the trailing data holds');
    this.released += r.data.length;
    return r.data;
  }

  /** Throws node:zlib's RangeError if `more` bytes would take the output past maxOutputLength. */
  private reserve(more: number, what: string): void {
    if (this.released + more <= this.maxOutputLength) return;
    throw bufferTooLarge(this.maxOutputLength, `the decompressed data exceeds maxOutputLength (${this.released} bytes out, ${what} ${more} more)`);
  }

  /** Decodes a whole frame at once (the synchronous API). */
  decodeFrame(): Buffer {
    while (!this.step(1 << 30));
    return this.finishFrame();
  }
}
