/**
 * The codec core of decompression (the decoding stage and the one-call API
 * drive it): turns container records back into bytes, verifying every frame's check
 * before its bytes are released, and the stream's length and CRC at its end:
 * damaged input is an error, never wrong output. In format version 2 a
 * frame's check is the running CRC-32 of the stream through that frame, so a
 * frame out of place fails too; version 1 checked each frame alone.
 */
import { crc32 } from 'node:zlib';
import { FrameDecoder } from './frame-codec';
import { bufferTooLarge, ErrorCode, NnzipError } from '../format/errors';
import type { ContainerRecord } from '../format/container';
import type { TrailingHandling } from '../options';

export class Decoder {
  private readonly maxOutputLength: number;
  private readonly trailing: TrailingHandling;
  /** Bytes released so far, over all concatenated streams (trailing bytes copied included). */
  private released = 0;
  private decoder: FrameDecoder | null = null;
  /** Version 1: each frame's CRC stands alone. */
  private perFrameCrc = false;
  private total = 0;
  private crc = 0;
  private expectedCrc = 0;
  private frames = 0;

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
      this.decoder = new FrameDecoder(r.params);
      this.perFrameCrc = r.version === 1;
      this.total = 0;
      this.crc = 0;
      this.frames = 0;
      return false;
    }
    if (r.kind === 'end') {
      if (r.totalLength !== this.total || r.crc !== this.crc) {
        throw new NnzipError(
          ErrorCode.CHECKSUM,
          `stream check failed: end record says ${r.totalLength} bytes with CRC-32 ${hex(r.crc)}, decoded ${this.total} bytes with CRC-32 ${hex(this.crc)}`,
        );
      }
      this.decoder = null;
      return false;
    }
    this.decoder!.begin(r.type, r.payload, r.rawLength);
    this.expectedCrc = r.crc;
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
    if (check !== this.expectedCrc) {
      throw new NnzipError(
        ErrorCode.CHECKSUM,
        `data check failed in frame ${this.frames}: CRC-32 ${hex(check)} of the decoded bytes` +
          `${this.perFrameCrc ? '' : ' (running)'}, ${hex(this.expectedCrc)} expected (the input is corrupt${this.perFrameCrc ? '' : ', or frames are out of place'})`,
      );
    }
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

function hex(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}
