/**
 * nnzip: a lossless stream compressor whose predictor is a neural network
 * that learns while it compresses. The API follows node:zlib: one factory per
 * direction returning a duplex stream, callback / promise and sync variants
 * of the one-call form, the same input types, maxOutputLength.
 */
import { kMaxLength } from 'node:buffer';
import { inspect, types } from 'node:util';
import { ContainerRecord, serializeRecord } from './format/container';
import { ErrorCode, NnzipError } from './format/errors';
import { MIN_NODE, nodeTooOld } from './cli/launch';
import { unsupportedReason } from './model/presets';
import { CompressOptions, DecompressOptions, resolveCompressOptions, resolveDecompressOptions } from './options';
import type { Compressor } from './stream/compressor';
import type { Decompressor } from './stream/decompressor';

export { BUFFER_TOO_LARGE, ErrorCode, NnzipError, isNnzipError } from './format/errors';
export type { CompressOptions, DecompressOptions, TrailingHandling } from './options';
export type { Compressor, FlushCallback } from './stream/compressor';
export type { Decompressor } from './stream/decompressor';
export { DEFAULT_LEVEL } from './model/presets';
export { FORMAT_VERSION, MAGIC } from './format/container';
export type { ExplainOptions, ExplainReport, ExplainRow, ReportLine } from './insight/explainer';
export type { ExplainStream, ExplainStreamOptions } from './insight/api';

// package.json "engines" is only a warning at install time (npm's engine-strict
// is off by default); on an older Node the codec would fail later with a bare
// TypeError (zlib.crc32 arrived in 20.15), so say it at load, as the bins do.
if (nodeTooOld()) throw new Error(`nnzip needs Node.js >= ${MIN_NODE.join('.')} (this is ${process.version})`);

/**
 * The streams' and the codec core's modules, loaded on first use: loading
 * this module costs a process next to nothing, one that only compresses
 * never loads the decoder (nor the reverse), and the one-call sync API
 * does without the streams (which bring Pumpify and readable-stream).
 */
const load = {
  Compressor: () => (require('./stream/compressor') as typeof import('./stream/compressor')).Compressor,
  Decompressor: () => (require('./stream/decompressor') as typeof import('./stream/decompressor')).Decompressor,
  SentenceBatcher: () => (require('./stream/sentence-batcher') as typeof import('./stream/sentence-batcher')).SentenceBatcher,
  Encoder: () => (require('./coder/encoder') as typeof import('./coder/encoder')).Encoder,
  ContainerReader: () => (require('./format/reader') as typeof import('./format/reader')).ContainerReader,
  Decoder: () => (require('./coder/decoder') as typeof import('./coder/decoder')).Decoder,
};

/** What the one-call API takes, as node:zlib: a string is encoded as UTF-8. */
export type InputData = string | ArrayBuffer | SharedArrayBuffer | NodeJS.ArrayBufferView;
export type CompressCallback = (error: Error | null, result?: Buffer) => void;

/** A duplex stream: raw bytes in, nnzip format out. Has zlib's flush(), bytesWritten and close(). */
export function createCompressor(options?: CompressOptions): Compressor {
  const { params, frameSize, threads, flushInterval } = resolveCompressOptions(options);
  return new (load.Compressor())(params, frameSize, threads, flushInterval);
}

/**
 * A duplex stream: nnzip format in (one or more concatenated streams), raw
 * bytes out. With `trailing: 'ignore'` it emits 'trailing' (the offset of
 * the garbage in the input) once, when it drops trailing garbage.
 */
export function createDecompressor(options?: DecompressOptions): Decompressor {
  const { maxOutputLength, trailing, threads } = resolveDecompressOptions(options);
  return new (load.Decompressor())(maxOutputLength, trailing, threads);
}

export function compressSync(data: InputData, options?: CompressOptions): Buffer {
  const input = toBuffer(data);
  const { params, frameSize } = resolveCompressOptions(options);
  const out: Buffer[] = [];
  const put = (r: ContainerRecord) => out.push(...serializeRecord(r));
  const encoder = new (load.Encoder())(params);
  put(encoder.header());
  const batcher = new (load.SentenceBatcher())(frameSize);
  const onBatch = (b: { data: Buffer }) => {
    put(encoder.frameOf(b.data));
  };
  batcher.push(input, onBatch);
  batcher.end(onBatch);
  put(encoder.end());
  return Buffer.concat(out);
}

export function decompressSync(data: InputData, options?: DecompressOptions): Buffer {
  const input = toBuffer(data);
  const limit = oneCallLimit(options);
  const { trailing } = resolveDecompressOptions(options);
  const reader = new (load.ContainerReader())(unsupportedReason, { trailing: trailing === 'error' ? 'error' : 'report' });
  const decoder = new (load.Decoder())(limit, trailing);
  const out: Buffer[] = [];
  let length = 0;
  reader.push(input, (r) => {
    const b = r.kind === 'trailing' ? decoder.trailingBytes(r) : decoder.accept(r) ? decoder.decodeFrame() : null;
    if (b !== null) {
      length += b.length;
      out.push(b);
    }
  });
  reader.end();
  return Buffer.concat(out, length);
}

/**
 * compress(data[, options], callback) as zlib.gzip; without a callback it
 * returns a promise. In the callback form, as in zlib, a wrong argument or
 * option throws at once and errors of the work go to the callback;
 * util.promisify(compress) works. The promise form rejects for all errors.
 */
export function compress(data: InputData, options?: CompressOptions): Promise<Buffer>;
export function compress(data: InputData, callback: CompressCallback): void;
export function compress(data: InputData, options: CompressOptions | undefined, callback: CompressCallback): void;
export function compress(
  data: InputData,
  options?: CompressOptions | CompressCallback,
  callback?: CompressCallback,
): Promise<Buffer> | void {
  return oneCall(data, options, callback, (opts) => createCompressor(opts as CompressOptions));
}

/** What util.promisify(compress) returns, for TypeScript (as @types/node declares zlib.gzip's). */
export declare namespace compress {
  function __promisify__(data: InputData, options?: CompressOptions): Promise<Buffer>;
}

/** decompress(data[, options], callback) as zlib.gunzip, or a promise without a callback; see compress(). */
export function decompress(data: InputData, options?: DecompressOptions): Promise<Buffer>;
export function decompress(data: InputData, callback: CompressCallback): void;
export function decompress(data: InputData, options: DecompressOptions | undefined, callback: CompressCallback): void;
export function decompress(
  data: InputData,
  options?: DecompressOptions | CompressCallback,
  callback?: CompressCallback,
): Promise<Buffer> | void {
  return oneCall(data, options, callback, (opts) => {
    const { trailing, threads } = resolveDecompressOptions(opts as DecompressOptions);
    return new (load.Decompressor())(oneCallLimit(opts as DecompressOptions), trailing, threads);
  });
}

export declare namespace decompress {
  function __promisify__(data: InputData, options?: DecompressOptions): Promise<Buffer>;
}

/** The shared body of compress() and decompress(): argument juggling, then the stream. */
function oneCall(
  data: InputData,
  options: object | undefined,
  callback: CompressCallback | undefined,
  open: (options: object | undefined) => Compressor | Decompressor,
): Promise<Buffer> | void {
  if (typeof options === 'function') {
    callback = options as CompressCallback;
    options = undefined;
  }
  if (callback === undefined) {
    return new Promise((resolve, reject) => {
      let input: Buffer;
      let stream: Compressor | Decompressor;
      try {
        input = toBuffer(data);
        stream = open(options);
      } catch (err) {
        reject(err);
        return;
      }
      run(stream, input, (err, result) => (err ? reject(err) : resolve(result!)));
    });
  }
  if (typeof callback !== 'function') {
    throw new NnzipError(ErrorCode.INVALID_ARG_TYPE, `The "callback" argument must be of type function. Received ${received(callback)}`);
  }
  run(open(options), toBuffer(data), callback);
}

/** Feeds `input` through `stream` and calls `done` once, with the whole output or the first error. */
function run(stream: Compressor | Decompressor, input: Buffer, done: CompressCallback): void {
  const parts: Buffer[] = [];
  let length = 0;
  let settled = false;
  stream.on('data', (b: Buffer) => {
    parts.push(b);
    length += b.length;
  });
  stream.on('error', (err) => {
    if (settled) return;
    settled = true;
    done(err);
  });
  stream.on('end', () => {
    if (settled) return;
    settled = true;
    done(null, Buffer.concat(parts, length));
  });
  stream.end(input);
}

/**
 * The `top` (default 20) most surprising lines of an input, plain or .nnz,
 * most surprising first: what the model spends on each line compared with
 * what a line like it costs at that point (docs/CLI.md, --explain).
 */
export function explain(input: InputData, options?: import('./insight/explainer').ExplainOptions): import('./insight/explainer').ExplainRow[] {
  return (require('./insight/api') as typeof import('./insight/api')).explain(toBuffer(input), options);
}

/** explain() as a stream, in bounded memory: bytes in, the rows out once the input has ended ('report' event: the whole report). */
export function createExplainer(options?: import('./insight/api').ExplainStreamOptions): import('./insight/api').ExplainStream {
  return (require('./insight/api') as typeof import('./insight/api')).createExplainer(options);
}

/** The one-call API returns one Buffer, so its output is capped at the largest Buffer, as zlib's is. */
function oneCallLimit(options: DecompressOptions | undefined): number {
  return Math.min(resolveDecompressOptions(options).maxOutputLength, kMaxLength);
}

/** The input types node:zlib's one-call API takes, as a Buffer over the same memory (no copy). */
function toBuffer(data: unknown): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (types.isAnyArrayBuffer(data)) return Buffer.from(data);
  throw new NnzipError(
    ErrorCode.INVALID_ARG_TYPE,
    `The "data" argument must be of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer. Received ${received(data)}`,
  );
}

/** How Node's own ERR_INVALID_ARG_TYPE messages describe a value. */
function received(v: unknown): string {
  if (v === null || v === undefined) return String(v);
  if (typeof v === 'function') return `function ${v.name || '<anonymous>'}`;
  if (typeof v === 'object') return v.constructor?.name ? `an instance of ${v.constructor.name}` : inspect(v, { depth: -1 });
  let shown = inspect(v, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return `type ${typeof v} (${shown})`;
}
