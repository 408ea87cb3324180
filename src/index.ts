/**
 * nnzip: a lossless stream compressor whose predictor is a neural network
 * that learns while it compresses. The API follows node:zlib: one factory per
 * direction returning a duplex stream, promise and sync variants of the same.
 */
import Pumpify from 'pumpify';
import type { Duplex } from 'node:stream';
import { Readable } from 'node:stream';
import { ContainerRecord, serializeRecord } from './format/container';
import { ContainerReader } from './format/reader';
import { unsupportedReason } from './model/presets';
import { CompressOptions, DecompressOptions, resolveCompressOptions } from './options';
import { DecodeStage } from './stream/decode-stage';
import { Deframer } from './stream/deframer';
import { EncodeStage } from './stream/encode-stage';
import { Framer } from './stream/framer';
import { SentenceBatcher } from './stream/sentence-batcher';
import { SentenceSplitter } from './stream/sentence-splitter';
import { StreamDecoder } from './stream/stream-decoder';
import { StreamEncoder } from './stream/stream-encoder';

export { ErrorCode, NnzipError, isNnzipError } from './format/errors';
export type { CompressOptions, DecompressOptions } from './options';
export { DEFAULT_LEVEL } from './model/presets';
export { FORMAT_VERSION, MAGIC } from './format/container';

/** A duplex stream: raw bytes in, nnzip format out. */
export function createCompressor(options?: CompressOptions): Duplex {
  const { params, frameSize } = resolveCompressOptions(options);
  return new Pumpify(new SentenceSplitter(frameSize), new EncodeStage(params), new Framer());
}

/** A duplex stream: nnzip format in (one or more concatenated streams), raw bytes out. */
export function createDecompressor(_options?: DecompressOptions): Duplex {
  return new Pumpify(new Deframer(), new DecodeStage());
}

export function compressSync(data: Uint8Array, options?: CompressOptions): Buffer {
  const { params, frameSize } = resolveCompressOptions(options);
  const out: Buffer[] = [];
  const put = (r: ContainerRecord) => out.push(...serializeRecord(r));
  const encoder = new StreamEncoder(params);
  put(encoder.header());
  const batcher = new SentenceBatcher(frameSize);
  const onBatch = (b: { data: Buffer }) => {
    encoder.write(b.data);
    put(encoder.finishFrame());
  };
  batcher.push(toBuffer(data), onBatch);
  batcher.end(onBatch);
  put(encoder.end());
  return Buffer.concat(out);
}

export function decompressSync(data: Uint8Array, _options?: DecompressOptions): Buffer {
  const reader = new ContainerReader(unsupportedReason);
  const decoder = new StreamDecoder();
  const out: Buffer[] = [];
  reader.push(toBuffer(data), (r) => {
    if (decoder.accept(r)) out.push(decoder.decodeFrame());
  });
  reader.end();
  return Buffer.concat(out);
}

export function compress(data: Uint8Array, options?: CompressOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let stream: Duplex;
    try {
      stream = createCompressor(options);
    } catch (err) {
      reject(err);
      return;
    }
    collect(stream, data).then(resolve, reject);
  });
}

export function decompress(data: Uint8Array, options?: DecompressOptions): Promise<Buffer> {
  return collect(createDecompressor(options), data);
}

function collect(stream: Duplex, data: Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (b: Buffer) => parts.push(b));
    stream.on('error', reject);
    stream.on('end', () => resolve(Buffer.concat(parts)));
    Readable.from([toBuffer(data)], { objectMode: false }).pipe(stream);
  });
}

function toBuffer(data: Uint8Array): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (data instanceof Uint8Array) return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  throw new TypeError('data must be a Buffer or Uint8Array');
}
