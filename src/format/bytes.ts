/**
 * Byte arrays on the decode path, which also runs in browsers
 * (src/browser): Node's Buffer where there is one (what the library has
 * always handed out, so Node callers see no change), else a plain
 * Uint8Array. The decode path itself uses only what both have (indexing,
 * length, subarray, set), which is why the types still say Buffer for
 * Node's callers.
 */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;

/** `n` bytes that the caller overwrites entirely (uninitialised in Node, as Buffer.allocUnsafe). */
export function allocBytes(n: number): Buffer {
  return NodeBuffer !== undefined ? NodeBuffer.allocUnsafe(n) : (new Uint8Array(n) as Buffer);
}

/** `n` zero bytes. */
export function zeroBytes(n: number): Buffer {
  return NodeBuffer !== undefined ? NodeBuffer.alloc(n) : (new Uint8Array(n) as Buffer);
}

/** A copy of `bytes` (a fresh array, not a view). */
export function copyBytes(bytes: ArrayLike<number>): Buffer {
  return NodeBuffer !== undefined ? NodeBuffer.from(bytes as Uint8Array) : (Uint8Array.from(bytes) as Buffer);
}

/** The concatenation of `list`, `total` bytes long (default: all of them). */
export function concatBytes(list: readonly Uint8Array[], total?: number): Buffer {
  if (NodeBuffer !== undefined) return NodeBuffer.concat(list, total);
  let length = total ?? list.reduce((n, b) => n + b.length, 0);
  const out = new Uint8Array(length);
  let at = 0;
  for (const b of list) {
    if (at >= length) break;
    const part = b.length <= length - at ? b : b.subarray(0, length - at);
    out.set(part, at);
    at += part.length;
  }
  return out as Buffer;
}

/** Whether `a` and `b` hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function checkRange(b: Uint8Array, offset: number, size: number): void {
  if (!(offset >= 0 && offset + size <= b.length)) {
    throw new RangeError(`reading ${size} bytes at offset ${offset} of ${b.length}: out of range`);
  }
}

/** The big-endian u32 at `offset` (a RangeError past the end, as Buffer's readUInt32BE). */
export function readU32BE(b: Uint8Array, offset: number): number {
  checkRange(b, offset, 4);
  return ((b[offset] << 24) | (b[offset + 1] << 16) | (b[offset + 2] << 8) | b[offset + 3]) >>> 0;
}

/** The big-endian u64 at `offset` as a number (rounded as Number(readBigUInt64BE) is, beyond 2^53). */
export function readU64BE(b: Uint8Array, offset: number): number {
  checkRange(b, offset, 8);
  // hi * 2^32 is exact; the one addition rounds to nearest, as Number(bigint) does.
  return readU32BE(b, offset) * 4294967296 + readU32BE(b, offset + 4);
}
