// src/coder/range-coder.ts: the carryless binary arithmetic coder over a 32-bit interval [x1, x2].

/** How far past its payload a decoder may read (range-coder.ts MAX_OVERRUN). */
export const MAX_OVERRUN: i32 = 4;

/** x1 + floor((x2 - x1) * p1 / 65536): the product < 2^48, exact in u64 as in the original's doubles. */
// @ts-ignore: decorator
@inline function split(x1: u32, x2: u32, p1: i32): u32 {
  return x1 + <u32>((<u64>(x2 - x1) * <u64>p1) >> 16);
}

@final export class RangeEncoder {
  private x1: u32 = 0;
  private x2: u32 = 0xffffffff;
  /** The coded bytes, in the instance's memory; a bigger buffer replaces it when full. */
  private buf: usize;
  private capacity: i32;
  private pos: i32 = 0;

  constructor(initialCapacity: i32 = 1 << 16) {
    this.capacity = initialCapacity;
    this.buf = heap.alloc(<usize>initialCapacity);
  }

  /** Starts a new, independent code (a new frame); keeps the buffer. */
  reset(): void {
    this.x1 = 0;
    this.x2 = 0xffffffff;
    this.pos = 0;
  }

  get length(): i32 {
    return this.pos;
  }

  /** Where the coded bytes are (valid until the next encode, which may move them). */
  get buffer(): usize {
    return this.buf;
  }

  // @ts-ignore: decorator
  @inline code(bit: i32, p1: i32): i32 {
    this.encode(bit, p1);
    return bit;
  }

  encode(bit: i32, p1: i32): void {
    const xmid = split(this.x1, this.x2, p1);
    if (bit) this.x2 = xmid;
    else this.x1 = xmid + 1;
    while (((this.x1 ^ this.x2) & 0xff000000) == 0) {
      this.put(this.x2 >>> 24);
      this.x1 = this.x1 << 8;
      this.x2 = (this.x2 << 8) | 255;
    }
  }

  /** Ends the code with the fewest bytes naming a value inside [x1, x2] (followed by zeros); returns the length. */
  finish(): i32 {
    for (let k = 1; k <= 4; k++) {
      const shift = <u64>(32 - 8 * k);
      const unit: u64 = (<u64>1) << shift;
      const v: u64 = ((<u64>this.x1 + unit - 1) >> shift) << shift;
      if (v <= <u64>this.x2) {
        for (let i = 0; i < k; i++) this.put(<u32>(v >> (<u64>(24 - 8 * i))) & 255);
        break;
      }
    }
    return this.pos;
  }

  private put(byte: u32): void {
    if (this.pos == this.capacity) {
      const bigger = heap.alloc(<usize>this.capacity * 2);
      memory.copy(bigger, this.buf, <usize>this.capacity);
      heap.free(this.buf);
      this.buf = bigger;
      this.capacity *= 2;
    }
    store<u8>(this.buf + <usize>this.pos, <u8>byte);
    this.pos++;
  }
}

@final export class RangeDecoder {
  private x1: u32 = 0;
  private x2: u32 = 0xffffffff;
  private x: u32 = 0;
  private src: usize = 0;
  private srcLength: i32 = 0;
  private pos: i32 = 0;
  /** Set when the decoder read more than MAX_OVERRUN bytes past its payload (the original throws NnzipError CORRUPT). */
  corrupt: bool = false;

  /** Starts decoding one frame's payload: `length` bytes at `src` in the instance's memory. */
  reset(src: usize, length: i32): void {
    this.src = src;
    this.srcLength = length;
    this.pos = 0;
    this.x1 = 0;
    this.x2 = 0xffffffff;
    this.x = 0;
    this.corrupt = false;
    for (let i = 0; i < 4; i++) this.x = (this.x << 8) | this.next();
  }

  // @ts-ignore: decorator
  @inline code(_bit: i32, p1: i32): i32 {
    return this.decode(p1);
  }

  /** The next bit; once `corrupt` is set the bits mean nothing (the caller checks the flag and stops). */
  decode(p1: i32): i32 {
    const xmid = split(this.x1, this.x2, p1);
    let bit: i32;
    if (this.x <= xmid) {
      bit = 1;
      this.x2 = xmid;
    } else {
      bit = 0;
      this.x1 = xmid + 1;
    }
    while (((this.x1 ^ this.x2) & 0xff000000) == 0) {
      this.x1 = this.x1 << 8;
      this.x2 = (this.x2 << 8) | 255;
      this.x = (this.x << 8) | this.next();
    }
    return bit;
  }

  /** Bytes read beyond the payload (as zeros). */
  get overrun(): i32 {
    const beyond = this.pos - this.srcLength;
    return beyond > 0 ? beyond : 0;
  }

  private next(): u32 {
    const i = this.pos;
    this.pos = i + 1;
    const beyond = i - this.srcLength;
    if (beyond < 0) return <u32>load<u8>(this.src + <usize>i);
    if (beyond >= MAX_OVERRUN) this.corrupt = true;
    return 0;
  }
}
