/**
 * Which transform a file goes through, and what becomes of data after the
 * last stream: gzip's policy, shared by -d, -t and -dcf (nngrep and the
 * pagers use sniff() for their own pass-through).
 */
import { PassThrough, Readable } from 'node:stream';
import { createCompressor, createDecompressor, MAGIC } from '../index';

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
  codec: NodeJS.ReadWriteStream;
  /** After the pipeline: whether trailing garbage was dropped (warn, exit 2). */
  garbage(): boolean;
}

export interface CodecChoice {
  compress: boolean;
  level: number | undefined;
  /** The input size if known: small inputs get small tables. */
  size: number | undefined;
  /** -f with output on stdout: zcat -f's pass-through. */
  passThrough: boolean;
}

export async function chooseCodec(input: Readable, c: CodecChoice): Promise<Codec> {
  if (c.compress) return { source: input, codec: createCompressor({ level: c.level, sizeHint: c.size }), garbage: () => false };
  if (c.passThrough) {
    // zcat -f: what is not nnzip data is copied through as it is, before
    // the first stream or after the last (gzip's "mixed" input).
    const s = await sniff(input);
    return { source: s.stream, codec: s.isNnzip ? createDecompressor({ trailing: 'copy' }) : new PassThrough(), garbage: () => false };
  }
  // As gzip: trailing garbage is dropped with a warning (exit status 2),
  // the output kept; zero padding (tape blocks) is ignored silently.
  let garbage = false;
  const d = createDecompressor({ trailing: 'ignore' });
  d.once('trailing', () => {
    garbage = true;
  });
  return { source: input, codec: d, garbage: () => garbage };
}
