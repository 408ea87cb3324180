/** Compressor options, checked once, turned into the parameters written in the header. */
import { MAX_FRAME_RAW, StreamParams } from './format/container';
import { ErrorCode, NnzipError } from './format/errors';
import { MAX_SENTENCE } from './format/sentence';
import { DEFAULT_LEVEL, MAX_TABLE_BITS, MIN_TABLE_BITS, MODEL_ID, presetFor } from './model/presets';

export interface CompressOptions {
  /** 1 (fastest) to 9 (strongest); default 6. */
  level?: number;
  /** Bytes of input per frame (default 1 MiB). Smaller frames cost a few bytes each. */
  frameSize?: number;
  /** log2 of the model's hashed table size in 64-byte buckets (default: the level's); memory ≈ 2^tableBits × 64 bytes. */
  tableBits?: number;
}

export interface DecompressOptions {}

export const DEFAULT_FRAME_SIZE = 1 << 20;

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
  const tableBits =
    options.tableBits === undefined ? presetFor(level).tableBits : intIn('tableBits', options.tableBits, MIN_TABLE_BITS, MAX_TABLE_BITS);
  const frameSize =
    options.frameSize === undefined ? DEFAULT_FRAME_SIZE : intIn('frameSize', options.frameSize, 1, MAX_FRAME_RAW - MAX_SENTENCE);
  return { params: { modelId: MODEL_ID, level, tableBits }, frameSize };
}
