/**
 * One input through the codec into a sink, counting bytes for the progress
 * bar and the -v line; a failure is reported and the sink's output dropped.
 */
import { Readable, Transform, TransformCallback } from 'node:stream';
import { chooseCodec, decodePipeline } from './codec';
import type { Sink, TaggedError } from './output';
import { BrokenPipe, Session, systemMessage } from './session';

/** -l's module (and the container reader), needed here only for -v lines and a bar's total. */
function list(): typeof import('./list') {
  return require('./list') as typeof import('./list');
}

export interface Converted {
  inBytes: number;
  outBytes: number;
}

/** Counts bytes going by and feeds the progress bar. */
class Counter extends Transform {
  bytes = 0;
  constructor(private readonly onCount: (chunk: Buffer) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.bytes += chunk.length;
    this.onCount(chunk);
    cb(null, chunk);
  }
}

/**
 * Runs one input through the codec into `sink`; on failure reports it, cleans
 * up and returns null. `changed` (regular files) says, given the bytes read,
 * whether the input changed meanwhile: then the output is not kept either.
 */
export async function convert(
  s: Session,
  input: Readable,
  size: number | undefined,
  label: string,
  sink: Sink,
  changed?: (inBytes: number) => boolean,
): Promise<Converted | null> {
  const toStdout = sink.kind === 'stdout';
  if (toStdout) s.usedStdout = true;
  const progress = s.startProgress(label, size, toStdout);
  const packedIn = s.mode !== 'compress';
  const countIn = new Counter((c) => {
    if (packedIn) progress.tally(c);
    progress.update(countIn.bytes, countOut.bytes);
  });
  const countOut = new Counter((c) => {
    if (!packedIn) progress.tally(c);
    progress.update(countIn.bytes, countOut.bytes);
  });
  try {
    const { source, stages, garbage, recycle } = await chooseCodec(input, {
      compress: s.mode === 'compress',
      level: s.o.level,
      threads: s.o.threads,
      size,
      passThrough: s.o.force && toStdout,
    });
    sink.recycle = recycle;
    await decodePipeline([source, countIn, ...stages, countOut, sink.writable]);
    if (changed !== undefined && changed(countIn.bytes)) {
      s.stopProgress();
      sink.abort();
      return null;
    }
    sink.commit();
    if (garbage()) s.warn(`${label}: decompression OK, trailing garbage ignored`);
  } catch (err) {
    s.stopProgress();
    sink.abort();
    input.destroy();
    const e = err as TaggedError & NodeJS.ErrnoException;
    if (e.code === 'EPIPE' && e.nnzipFile === 'stdout') {
      s.shutdown();
      s.onBrokenPipe();
      throw new BrokenPipe();
    }
    s.error(e.nnzipFile ?? label, systemMessage(err));
    return null;
  }
  s.stopProgress();
  return { inBytes: countIn.bytes, outBytes: countOut.bytes };
}

/**
 * The uncompressed size of a regular file of `size` bytes: itself when
 * compressing; when decompressing, read from the frame headers (only if a
 * bar may be drawn: it costs a read per frame), or undefined if they are
 * damaged (the decoder will say so).
 */
export async function rawSize(s: Session, fd: number, size: number, toStdout: boolean): Promise<number | undefined> {
  if (s.mode === 'compress') return size;
  if (!s.progressWanted(toStdout)) return undefined;
  try {
    const { fileSource, walkContainer } = list();
    return (await walkContainer(fileSource(fd, size))).uncompressed;
  } catch {
    return undefined;
  }
}

/** The -v line (space saved, bits per byte, what the file became), or -tv's `FILE: OK`. */
export function reportDone(s: Session, label: string, r: Converted, outName: string | null): void {
  if (s.o.verbosity < 2) return;
  if (s.mode === 'test') {
    s.say(`${label}:\t OK`);
    return;
  }
  const [raw, packed] = s.mode === 'compress' ? [r.inBytes, r.outBytes] : [r.outBytes, r.inBytes];
  const { bitsPerByte, savings } = list();
  let line = `${label}:\t${savings(packed, raw).padStart(6)} (${bitsPerByte(packed, raw)} bits/byte)`;
  if (outName !== null) line += ` -- ${s.o.keep ? 'created' : 'replaced with'} ${outName}`;
  s.say(line);
}
