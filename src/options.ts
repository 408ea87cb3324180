/** Compressor options, checked once, turned into the parameters written in the header. */
import { MAX_FRAME_RAW, StreamParams } from './format/container';
import { ErrorCode, NnzipError } from './format/errors';
import { MAX_SENTENCE } from './format/sentence';
import { DEFAULT_LEVEL, MAX_TABLE_BITS, MIN_TABLE_BITS, MODEL_ID, presetFor } from './model/presets';

export interface CompressOptions {
  /** 1 (fastest) to 9 (strongest); default 6. */
  level?: number;
  /** Bytes of input per frame (default 256 KiB). Smaller frames cost a few bytes each. */
  frameSize?: number;
  /**
   * The input's size, when known (as zstd's pledged size): a small input gets
   * smaller model tables, which start faster and use less memory at no cost
   * in ratio. Only a hint: any amount of input may still follow.
   */
  sizeHint?: number;
  /** log2 of the model's hashed table size in 64-byte buckets (default: the level's); memory ≈ 2^tableBits × 64 bytes. */
  tableBits?: number;
}

export interface DecompressOptions {}

export const DEFAULT_FRAME_SIZE = 256 * 1024;

export interface ResolvedOptions {
  params: StreamParams;
  frameSize: number;
}

function intIn(name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new NnzipError(ErrorCode.INVALID_OPTION, `invalid option ${name}: ${String(v)} (expected an integer from ${lo} to ${hi})`);
  }
  return v;
}

export function resolveCompressOptions(options: CompressOptions = {}): ResolvedOptions {
  if (options === null || typeof options !== 'object') {
    throw new NnzipError(ErrorCode.INVALID_OPTION, 'options must be an object');
  }
  const level = options.level === undefined ? DEFAULT_LEVEL : intIn('level', options.level, 1, 9);
  let tableBits =
    options.tableBits === undefined ? presetFor(level).tableBits : intIn('tableBits', options.tableBits, MIN_TABLE_BITS, MAX_TABLE_BITS);
  if (options.sizeHint !== undefined && options.tableBits === undefined) {
    const size = intIn('sizeHint', options.sizeHint, 0, Number.MAX_SAFE_INTEGER);
    // One bucket per input byte: measured on the LogHub samples (150-380 kB),
    // four per byte make the output 0.45 % smaller but take 10-25 % longer
    // (every page of a larger table is faulted in, and TLB misses grow).
    let bits = MIN_TABLE_BITS;
    while (bits < tableBits && 2 ** bits < size) bits++;
    tableBits = bits;
  }
  const frameSize =
    options.frameSize === undefined ? DEFAULT_FRAME_SIZE : intIn('frameSize', options.frameSize, 1, MAX_FRAME_RAW - MAX_SENTENCE);
  return { params: { modelId: MODEL_ID, level, tableBits }, frameSize };
}
