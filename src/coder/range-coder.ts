/**
 * A binary arithmetic coder over a 32-bit interval [x1, x2], "carryless":
 * when the top bytes of x1 and x2 agree that byte is final and is shifted
 * out. Each bit is coded with p1 = P(bit = 1) as an integer in [1, 65535]
 * (units of 1/65536), so a well-predicted bit costs a fraction of a bit.
 *
 * The split point is computed exactly: (x2 - x1) * p1 < 2^48, which doubles
 * hold without rounding, so encoder and decoder agree on every machine.
 *
 * Both ends are BitChannels (code-byte.ts): the one coding routine drives
 * either through code(bit, p1).
 */
import { ErrorCode, NnzipError } from '../format/errors';
import type { BitChannel } from './code-byte';

/**
 * How far past its payload a decoder may read. The encoder flushes 1-4 bytes
 * and the decoder starts 4 bytes ahead, so a valid payload is never read more
 * than 3 bytes past its end. Past 4 the payload cannot have coded the frame:
 * it is corrupt. This also bounds what a payload can expand to: each byte
 * read is at least 8 bits of interval, and a decision costs at least
 * -log2(65535/65536) bits, so one byte carries at most ~363,000 decisions.
 */
export const MAX_OVERRUN = 4;

function split(x1: number, x2: number, p1: number): number {
  return x1 + Math.floor(((x2 - x1) * p1) / 65536);
}

export class RangeEncoder implements BitChannel {
  private x1 = 0;
  private x2 = 0xffffffff;
  private buf: Uint8Array;
  private pos = 0;

  constructor(initialCapacity = 1 << 16) {
    this.buf = new Uint8Array(initialCapacity);
  }

  /** Starts a new, independent code (a new frame); keeps the buffer. */
  reset(): void {
    this.x1 = 0;
    this.x2 = 0xffffffff;
    this.pos = 0;
  }

  get length(): number {
    return this.pos;
  }

  code(bit: number, p1: number): number {
    this.encode(bit, p1);
    return bit;
  }

  encode(bit: number, p1: number): void {
    const xmid = split(this.x1, this.x2, p1);
    if (bit) this.x2 = xmid;
    else this.x1 = xmid + 1;
    while (((this.x1 ^ this.x2) & 0xff000000) === 0) {
      this.put(this.x2 >>> 24);
      this.x1 = (this.x1 << 8) >>> 0;
      this.x2 = ((this.x2 << 8) | 255) >>> 0;
    }
  }

  /**
   * Ends the code with the fewest bytes that, followed by zero bytes (which is
   * what the decoder reads past the end), name a value inside [x1, x2].
   * Returns a view of the coded bytes, valid until the next reset().
   */
  finish(): Uint8Array {
    for (let k = 1; k <= 4; k++) {
      const unit = 2 ** (32 - 8 * k);
      const v = Math.ceil(this.x1 / unit) * unit;
      if (v <= this.x2) {
        for (let i = 0; i < k; i++) this.put(Math.floor(v / 2 ** (24 - 8 * i)) & 255);
        break;
      }
    }
    return this.buf.subarray(0, this.pos);
  }

  private put(byte: number): void {
    if (this.pos === this.buf.length) {
      const bigger = new Uint8Array(this.buf.length * 2);
      bigger.set(this.buf);
      this.buf = bigger;
    }
    this.buf[this.pos++] = byte;
  }
}

export class RangeDecoder implements BitChannel {
  private x1 = 0;
  private x2 = 0xffffffff;
  private x = 0;
  private src: Uint8Array = new Uint8Array(0);
  private pos = 0;

  /** Starts decoding one frame's payload. */
  reset(payload: Uint8Array): void {
    this.src = payload;
    this.pos = 0;
    this.x1 = 0;
    this.x2 = 0xffffffff;
    this.x = 0;
    for (let i = 0; i < 4; i++) this.x = ((this.x << 8) | this.next()) >>> 0;
  }

  code(_bit: number, p1: number): number {
    return this.decode(p1);
  }

  decode(p1: number): number {
    const xmid = split(this.x1, this.x2, p1);
    let bit: number;
    if (this.x <= xmid) {
      bit = 1;
      this.x2 = xmid;
    } else {
      bit = 0;
      this.x1 = xmid + 1;
    }
    while (((this.x1 ^ this.x2) & 0xff000000) === 0) {
      this.x1 = (this.x1 << 8) >>> 0;
      this.x2 = ((this.x2 << 8) | 255) >>> 0;
      this.x = ((this.x << 8) | this.next()) >>> 0;
    }
    return bit;
  }

  /** Bytes read beyond the payload (as zeros); never more than MAX_OVERRUN. */
  get overrun(): number {
    return Math.max(0, this.pos - this.src.length);
  }

  private next(): number {
    const i = this.pos++;
    const src = this.src;
    // (Computed on every call: the end of a frame comes after V8 has optimised
    // this, and an operation first run there would throw that code away.)
    const beyond = i - src.length;
    const tooFar = beyond >= MAX_OVERRUN;
    if (beyond < 0) return src[i];
    if (tooFar) {
      throw new NnzipError(ErrorCode.CORRUPT, 'corrupt frame: its coded data ends too early');
    }
    return 0;
  }
}
