/**
 * Which stages a file goes through, and what becomes of data after the
 * last stream: gzip's policy, shared by -d, -t and -dcf (nngrep and the
 * pagers use sniff() and decodingStages() for their own pass-through).
 *
 * The commands run the library's Transform stages in their own pipeline
 * rather than through createCompressor() / createDecompressor(): they need
 * none of what the one-duplex wrapper adds (flush(), bytesWritten, close()),
 * and loading it (Pumpify, readable-stream) was a sixth of a small run's
 * start-up. Each direction's modules are loaded only when it is used.
 */
import { PassThrough, Readable, Transform, TransformCallback, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { MAGIC } from '../format/container';
import type { TrailingHandling } from '../options';
import type { DecodedItem } from '../stream/signals';
import { FrameBuffers } from '../stream/frame-buffers';
import { RecyclingFileReader } from './file-reader';

/** Re-yields a stream's bytes after reading far enough to see whether it starts with the magic. */
export async function sniff(src: Readable): Promise<{ isNnzip: boolean; stream: Readable }> {
  const it = src[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let len = 0;
  let done = false;
  while (len < MAGIC.length) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    head.push(r.value as Buffer);
    len += (r.value as Buffer).length;
  }
  const first = Buffer.concat(head);
  const isNnzip = first.length >= MAGIC.length && first.subarray(0, MAGIC.length).equals(MAGIC);
  async function* rest(): AsyncGenerator<Buffer> {
    if (first.length > 0) yield first;
    if (done) return;
    for (;;) {
      const r = await it.next();
      if (r.done) return;
      yield r.value as Buffer;
    }
  }
  return { isNnzip, stream: Readable.from(rest(), { objectMode: false }) };
}

export interface Codec {
  /** What to read: the input, or a copy of it when its first bytes had to be looked at. */
  source: Readable;
  /** The stages the bytes go through, in order. */
  stages: Transform[];
  /** After the pipeline: whether trailing garbage was dropped (warn, exit 2). */
  garbage(): boolean;
  /** For the sink, if set: each output chunk once written (its buffer decodes a later frame). */
  recycle?: (chunk: Buffer) => void;
}

export interface CodecChoice {
  compress: boolean;
  level: number | undefined;
  /** -T: coding threads (undefined: the library's default, every core). */
  threads?: number;
  /** The input size if known: small inputs get small tables. */
  size: number | undefined;
  /** -f with output on stdout: zcat -f's pass-through. */
  passThrough: boolean;
}

/** The compressor's stages (what createCompressor() composes): sentences, coding, framing. */
export function encodingStages(level: number | undefined, sizeHint: number | undefined, threads?: number, recycle?: (chunk: Buffer) => void): Transform[] {
  const { resolveCompressOptions } = require('../options') as typeof import('../options');
  const { SentenceSplitter } = require('../stream/sentence-splitter') as typeof import('../stream/sentence-splitter');
  const { EncodeStage } = require('../stream/encode-stage') as typeof import('../stream/encode-stage');
  const { Framer } = require('../stream/framer') as typeof import('../stream/framer');
  const { params, frameSize, threads: n } = resolveCompressOptions({ level, sizeHint, threads });
  // Several threads: worker threads take the blocks once there is a second one (src/parallel, loaded only then).
  const coding = n > 1 ? new (require('../parallel/encode-stage') as typeof import('../parallel/encode-stage')).ThreadedEncodeStage(params, n) : new EncodeStage(params);
  return [new SentenceSplitter(frameSize, recycle), coding, new Framer(() => {})];
}

/**
 * The decompressor's stages (what createDecompressor() composes), no output
 * limit, then the decoded items as bytes. `onIgnored` is called when
 * trailing garbage is dropped (trailing 'ignore').
 */
export function decodingStages(
  trailing: TrailingHandling,
  onIgnored: () => void = () => {},
  threads?: number,
  buffers?: FrameBuffers,
): Transform[] {
  const { Deframer } = require('../stream/deframer') as typeof import('../stream/deframer');
  const { DecodeStage } = require('../stream/decode-stage') as typeof import('../stream/decode-stage');
  const { resolveThreads } = require('../options') as typeof import('../options');
  const n = resolveThreads(threads);
  const decoding =
    n > 1
      ? new (require('../parallel/decode-stage') as typeof import('../parallel/decode-stage')).ThreadedDecodeStage(Infinity, trailing, n)
      : new DecodeStage(Infinity, trailing, buffers);
  return [new Deframer(trailing === 'error' ? 'error' : 'report'), decoding, new DecodedBytes(onIgnored)];
}

/**
 * The decoding stage's items as bytes. Its signals: 'consumed' is of no use
 * here; 'ignored' is reported; 'failed' ends the output there, as if the
 * stream ended, and is kept in `failure` for decodePipeline() to report once
 * every byte before it is written (destroying the pipeline at once would drop
 * the bytes still queued in later stages: the sink may be waiting on a slow
 * reader, and `nncat cut.nnz` must give back every complete frame).
 */
export class DecodedBytes extends Transform {
  failure: Error | null = null;

  constructor(private readonly onIgnored: () => void) {
    super({ writableObjectMode: true, writableHighWaterMark: 1 });
  }

  override _transform(item: DecodedItem, _enc: BufferEncoding, cb: TransformCallback): void {
    if (this.failure !== null) {
      cb();
      return;
    }
    if (Buffer.isBuffer(item)) {
      cb(null, item);
      return;
    }
    switch (item.kind) {
      case 'consumed':
        cb();
        return;
      case 'ignored':
        this.onIgnored();
        cb();
        return;
      case 'failed':
        this.failure = item.error;
        this.push(null);
        cb();
        return;
    }
  }
}

/**
 * pipeline(), where stages from decodingStages() are among the streams: a decoding failure fails it
 * only after the last stream has written every byte decoded before it. If
 * the input is still open then (a pipe), it is destroyed with the failure;
 * else the failure is thrown once the pipeline is done.
 */
export async function decodePipeline(streams: Array<Readable | Writable>, options: { end?: boolean } = {}): Promise<void> {
  const decoded = streams.find((s): s is DecodedBytes => s instanceof DecodedBytes);
  const source = streams[0] as Readable;
  const fail = (): void => {
    const f = decoded?.failure;
    if (f != null && !source.readableEnded && !source.destroyed) source.destroy(f);
  };
  // With end: false the last stream never finishes: its bytes stay queued in it, so the end of the decoded output will do.
  if (options.end === false) decoded?.once('end', fail);
  else streams[streams.length - 1].once('finish', fail);
  await pipeline(streams, options);
  if (decoded?.failure != null) throw decoded.failure;
}

export async function chooseCodec(input: Readable, c: CodecChoice): Promise<Codec> {
  if (c.compress) {
    const recycle = input instanceof RecyclingFileReader ? input.recycle : undefined;
    return { source: input, stages: encodingStages(c.level, c.size, c.threads, recycle), garbage: () => false };
  }
  if (c.passThrough) {
    // zcat -f: what is not nnzip data is copied through as it is, before
    // the first stream or after the last (gzip's "mixed" input).
    const s = await sniff(input);
    return { source: s.stream, stages: s.isNnzip ? decodingStages('copy', undefined, c.threads) : [new PassThrough()], garbage: () => false };
  }
  // As gzip: trailing garbage is dropped with a warning (exit status 2),
  // the output kept; zero padding (tape blocks) is ignored silently.
  let garbage = false;
  const buffers = new FrameBuffers();
  const stages = decodingStages(
    'ignore',
    () => {
      garbage = true;
    },
    c.threads,
    buffers,
  );
  return { source: input, stages, garbage: () => garbage, recycle: buffers.give };
}
