/** Compressor options, checked once, turned into the parameters written in the header. */
import { availableParallelism } from 'node:os';
import { MAX_FRAME_RAW, MAX_PRIME_BYTES, StreamParams } from './format/container';
import { ErrorCode, NnzipError } from './format/errors';
import { MAX_SENTENCE } from './format/sentence';
import { DEFAULT_LEVEL, MAX_TABLE_BITS, MIN_TABLE_BITS, MODEL_ID, presetFor } from './model/presets';

export interface CompressOptions {
  /** 1 (fastest) to 9 (strongest); default 6. */
  level?: number;
  /** Bytes of input per frame (default 256 KiB). Smaller frames cost a few bytes each. */
  frameSize?: number;
  /**
   * The input's size, when known (as zstd's pledged size): an input under
   * 4 KiB (level 9; level 6: 512 bytes) gets a smaller model table (512
   * lines per byte), which starts faster and uses less memory at no measured
   * cost in ratio (the bytes may differ from an unhinted stream's, the size
   * by less than 0.1 %). Only a hint: any amount of input may still follow.
   */
  sizeHint?: number;
  /** log2 of the model's hashed table size in 64-byte buckets (default: the level's); memory ≈ 2^tableBits × 64 bytes. */
  tableBits?: number;
  /**
   * Advanced, for tests and measurements (format 3): a block ends at the
   * first frame end at which it holds at least this many bytes (default
   * 16 MiB). Blocks are what several threads code at once.
   */
  blockBytes?: number;
  /** Advanced (format 3): bytes of the stream's start each later block learns first (default 1 MiB; recorded in the header). */
  primeBytes?: number;
  /**
   * Threads that code at once: 0 (the default) for every core
   * (os.availableParallelism()), 1 for none but this one. Worker threads
   * start only once the input has a second block (16 MiB), so smaller inputs
   * never pay for them. The output is the same for every value. The sync
   * functions take it and code on the calling thread.
   */
  threads?: number;
  /**
   * Streams only (createCompressor): at most this many milliseconds after a
   * write, the compressor ends the frame by itself, as flush() does, so that
   * what was written can be decoded (a reader tails it; a crash loses at
   * most this much). 0, the default, is never. A timer runs only while
   * written data is waiting for its flush, and never keeps the process
   * alive. The one-call functions take it and have nothing to time.
   */
  flushInterval?: number;
}

export interface DecompressOptions {
  /**
   * The most bytes the decompressor may produce, as in node:zlib. A frame
   * that would take the output past it is not decoded: the one-call API
   * throws (rejects, calls back with) a RangeError with code
   * 'ERR_BUFFER_TOO_LARGE', the stream emits that error after the frames
   * within the limit. Default: buffer.kMaxLength for the one-call API, no
   * limit for the stream.
   */
  maxOutputLength?: number;
  /**
   * Bytes after a complete stream that are neither another stream nor zero
   * padding (which is always ignored): 'error' (the default) fails with
   * ERR_NNZIP_TRAILING_GARBAGE after the streams before them are out;
   * 'ignore' drops them, and a stream emits 'trailing' (with their offset in
   * the input) once; 'copy' outputs them as they are after the decoded data,
   * as `gzip -dcf` does (they count towards maxOutputLength).
   */
  trailing?: TrailingHandling;
  /** Threads that decode at once: 0 (the default) for every core, 1 for none but this one; see CompressOptions.threads. */
  threads?: number;
}

export type TrailingHandling = 'error' | 'ignore' | 'copy';
const TRAILING: readonly TrailingHandling[] = ['error', 'ignore', 'copy'];

const COMPRESS_KEYS: ReadonlySet<string> = new Set(['level', 'frameSize', 'sizeHint', 'tableBits', 'blockBytes', 'primeBytes', 'threads', 'flushInterval']);
/** Accepted but not named in messages: for tests and measurements. */
const ADVANCED_KEYS: ReadonlySet<string> = new Set(['blockBytes', 'primeBytes']);
const DECOMPRESS_KEYS: ReadonlySet<string> = new Set(['maxOutputLength', 'trailing', 'threads']);
/** node:zlib options nnzip has no use for: named in the error, so a zlib user sees why. */
const ZLIB_ONLY_KEYS: ReadonlySet<string> = new Set([
  'chunkSize', 'windowBits', 'memLevel', 'strategy', 'dictionary', 'info', 'flush', 'finishFlush', 'params',
]);

export const DEFAULT_FRAME_SIZE = 256 * 1024;

export interface ResolvedOptions {
  params: StreamParams;
  frameSize: number;
  /** Coding threads, 1 or more (0 and the default made the number of cores; 1 for an input known to fit in one block). */
  threads: number;
  /** Milliseconds from a write to the flush that ends its frame; 0: none. */
  flushInterval: number;
}

/** The longest flushInterval: setTimeout's limit (about 24.8 days). */
export const MAX_FLUSH_INTERVAL = 2 ** 31 - 1;

/** The most threads an option may ask for. */
export const MAX_THREADS = 256;

/** `threads` as given: 0 or absent is every core (xz's -T0, zstd's default). */
export function resolveThreads(v: unknown): number {
  const n = v === undefined ? 0 : intIn('threads', v, 0, MAX_THREADS);
  return n === 0 ? availableParallelism() : n;
}

function intIn(name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    throw new NnzipError(ErrorCode.INVALID_OPTION, `invalid option ${name}: ${String(v)} (expected an integer from ${lo} to ${hi})`);
  }
  return v;
}

/**
 * Options must be a plain object of known keys: a misspelt or foreign option
 * (zlib's chunkSize, say) is an error rather than silently ignored. A key
 * whose value is undefined counts as absent, as for the known ones.
 */
function checkKeys(options: object, known: ReadonlySet<string>, what: string, other: ReadonlySet<string>): void {
  for (const key of Object.keys(options)) {
    if (known.has(key) || (options as Record<string, unknown>)[key] === undefined) continue;
    const names = [...known].filter((k) => !ADVANCED_KEYS.has(k)).join(', ');
    let why = `the ${what} takes ${names}`;
    if (other.has(key)) why = `it is a ${what === 'compressor' ? 'decompressor' : 'compressor'} option; the ${what} takes ${names}`;
    else if (ZLIB_ONLY_KEYS.has(key)) why = `a node:zlib option that nnzip does not have; the ${what} takes ${names}`;
    throw new NnzipError(ErrorCode.INVALID_OPTION, `unknown option ${key} (${why})`);
  }
}

function checkObject(options: unknown): asserts options is object {
  if (options === null || typeof options !== 'object') {
    throw new NnzipError(ErrorCode.INVALID_OPTION, 'options must be an object');
  }
}

export function resolveCompressOptions(options: CompressOptions = {}): ResolvedOptions {
  checkObject(options);
  checkKeys(options, COMPRESS_KEYS, 'compressor', DECOMPRESS_KEYS);
  const level = options.level === undefined ? DEFAULT_LEVEL : intIn('level', options.level, 1, 9);
  const tableBits =
    options.tableBits === undefined ? presetFor(level).tableBits : intIn('tableBits', options.tableBits, MIN_TABLE_BITS, MAX_TABLE_BITS);
  // A size hint picks no smaller table (it did until session 13): every
  // level runs on the WebAssembly kernel (frame-codec.ts kernelWanted), whose full table
  // starts faster than JavaScript's small one (a 223-byte line through the
  // command: 0.15 against 0.19 s of CPU) and holds ~7 MiB for a small input.
  // So hinted output is unhinted output; the hint only keeps a small input
  // on one thread (below).
  if (options.sizeHint !== undefined) intIn('sizeHint', options.sizeHint, 0, Number.MAX_SAFE_INTEGER);
  const frameSize =
    options.frameSize === undefined ? DEFAULT_FRAME_SIZE : intIn('frameSize', options.frameSize, 1, MAX_FRAME_RAW - MAX_SENTENCE);
  const params: StreamParams = { modelId: MODEL_ID, level, tableBits };
  if (options.blockBytes !== undefined) params.blockBytes = intIn('blockBytes', options.blockBytes, 1, Number.MAX_SAFE_INTEGER);
  if (options.primeBytes !== undefined) params.primeBytes = intIn('primeBytes', options.primeBytes, 0, MAX_PRIME_BYTES);
  let threads = resolveThreads(options.threads);
  if (threads > 1 && options.sizeHint !== undefined) {
    // An input said to fit in one block has nothing to share out (more may follow: still correct, on one thread).
    const { DEFAULT_BLOCK_BYTES } = require('./coder/block-codec') as typeof import('./coder/block-codec');
    if (options.sizeHint <= (params.blockBytes ?? DEFAULT_BLOCK_BYTES)) threads = 1;
  }
  const flushInterval = options.flushInterval === undefined ? 0 : intIn('flushInterval', options.flushInterval, 0, MAX_FLUSH_INTERVAL);
  return { params, frameSize, threads, flushInterval };
}

export interface ResolvedDecompressOptions {
  /** Infinity when not given. */
  maxOutputLength: number;
  trailing: TrailingHandling;
  threads: number;
}

export function resolveDecompressOptions(options: DecompressOptions = {}): ResolvedDecompressOptions {
  checkObject(options);
  checkKeys(options, DECOMPRESS_KEYS, 'decompressor', COMPRESS_KEYS);
  const maxOutputLength =
    options.maxOutputLength === undefined ? Infinity : intIn('maxOutputLength', options.maxOutputLength, 1, Number.MAX_SAFE_INTEGER);
  const trailing = options.trailing === undefined ? 'error' : options.trailing;
  if (!TRAILING.includes(trailing)) {
    throw new NnzipError(ErrorCode.INVALID_OPTION, `invalid option trailing: ${String(trailing)} (expected 'error', 'ignore' or 'copy')`);
  }
  return { maxOutputLength, trailing, threads: resolveThreads(options.threads) };
}
