/**
 * The progress bar on stderr: bytes done, ratio so far, speed. cli-progress
 * is required only when a bar is actually drawn, so that `nnzip` in a pipe
 * or under tar starts without loading it.
 *
 * The codec reads a few frames ahead, so bytes read say little about bytes
 * coded. Everything shown comes instead from whole frames, tallied from their
 * headers on the compressed side: when compressing, frames that have come out;
 * when decompressing, frames whose decoded bytes have come out.
 */
import type { WriteStream } from 'node:tty';
import type { ContainerRecord } from '../format/container';
import { ContainerReader } from '../format/reader';

/** Inputs smaller than this finish in a few seconds; a bar would only flicker. */
export const DEFAULT_PROGRESS_MIN_BYTES = 1 << 20;

export interface ProgressSink {
  /** `inBytes` read from the input so far, `outBytes` written. */
  update(inBytes: number, outBytes: number): void;
  /** Bytes of nnzip data as they pass (output when compressing, input when decompressing). */
  tally(chunk: Buffer): void;
  stop(): void;
}

export const NO_PROGRESS: ProgressSink = { update() {}, tally() {}, stop() {} };

/**
 * Sums the raw and packed sizes of the frames in a byte stream of the nnzip
 * format by reading only record headers. Gives up silently on anything odd:
 * the decoder, not the progress bar, reports damaged input.
 */
export class FrameTally {
  raw = 0;
  packed = 0;
  /** Cumulative raw and packed sizes at the end of each frame seen and not yet retired by `upTo`. */
  private ends: { raw: number; packed: number }[] = [];
  private retired = { raw: 0, packed: 0 };
  private reader: ContainerReader | null = new ContainerReader(() => null, { skipPayloads: true, trailing: 'report' });
  private readonly onRecord = (r: ContainerRecord, _at: number, size: number): void => {
    if (r.kind !== 'frame') return;
    this.raw += r.rawLength;
    this.packed += size;
    this.ends.push({ raw: this.raw, packed: this.packed });
  };

  push(chunk: Buffer): void {
    if (this.reader === null) return;
    try {
      this.reader.push(chunk, this.onRecord);
    } catch {
      this.reader = null;
    }
  }

  /** Sizes of the frames wholly contained in the first `raw` decoded bytes. */
  upTo(raw: number): { raw: number; packed: number } {
    while (this.ends.length > 0 && this.ends[0].raw <= raw) this.retired = this.ends.shift()!;
    return this.retired;
  }
}

export interface ProgressOptions {
  label: string;
  /** Uncompressed size if known (a regular file; from the headers when decompressing), else undefined. */
  total: number | undefined;
  decompress: boolean;
  stream: WriteStream;
  /** Draw only for data at least this large, uncompressed (once this much is done, if the size is unknown). */
  minBytes: number;
  /** --progress: draw even when `stream` is not a terminal. */
  forced?: boolean;
}

export function humanBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return u === 0 ? `${n} B` : `${n.toFixed(n < 10 ? 2 : n < 100 ? 1 : 0)} ${units[u]}`;
}

interface Bar {
  start(total: number, value: number): void;
  update(v: number): void;
  stop(): void;
}

/** A progress sink that draws nothing until the input proves large. */
export function createProgress(o: ProgressOptions): ProgressSink {
  if (o.total !== undefined && o.total < o.minBytes) return NO_PROGRESS;
  let bar: Bar | null = null;
  const started = Date.now();
  const frames = new FrameTally();
  let outBytes = 0;
  const label = o.label.length > 30 ? '…' + o.label.slice(-29) : o.label;

  /** Raw and packed sizes of the frames coded so far (the input is read ahead of them). */
  const done = (): { raw: number; packed: number } => (o.decompress ? frames.upTo(outBytes) : { raw: frames.raw, packed: frames.packed });
  // The bar counts uncompressed bytes done, in both directions.
  const position = (): number => done().raw;

  const format = (_opts: unknown, params: { progress: number; value: number }): string => {
    const d = done();
    const secs = Math.max((Date.now() - started) / 1000, 0.001);
    const ratio = d.raw > 0 ? `${((d.packed * 8) / d.raw).toFixed(3)} bits/B` : '- bits/B';
    const speed = `${humanBytes(Math.round(d.raw / secs))}/s`;
    if (o.total === undefined) return `${label} ${humanBytes(params.value)} | ${ratio} | ${speed}`;
    const width = 25;
    const full = Math.round(params.progress * width);
    const pct = Math.floor(params.progress * 100);
    return (
      `${label} [${'#'.repeat(full)}${'-'.repeat(width - full)}] ${String(pct).padStart(3)}% ` +
      `${humanBytes(params.value)}/${humanBytes(o.total)} | ${ratio} | ${speed}`
    );
  };

  return {
    update(_in, out) {
      outBytes = out;
      if (bar === null) {
        if (o.total === undefined && position() < o.minBytes) return;
        // Loaded here, not at the top, to keep start-up fast.
        const cliProgress = require('cli-progress') as typeof import('cli-progress');
        bar = new cliProgress.SingleBar({
          format: format as unknown as string,
          stream: o.stream,
          clearOnComplete: true,
          fps: 5,
          noTTYOutput: o.forced === true,
        }) as unknown as Bar;
        bar.start(o.total ?? 0, position());
      }
      bar.update(position());
    },
    tally(chunk) {
      frames.push(chunk);
    },
    stop() {
      if (bar !== null) {
        bar.stop();
        bar = null;
      }
    },
  };
}
