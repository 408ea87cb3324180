/**
 * `nnzip -l`: sizes from the container's own records, without decoding.
 * The container reader walks stream headers, frame headers and end records,
 * skipping payloads (with positioned reads on a file, by discarding on a pipe).
 */
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { ContainerRecord } from '../format/container';
import { ErrorCode, NnzipError } from '../format/errors';
import { ContainerReader } from '../format/reader';
import { unsupportedReason } from '../model/presets';

export interface ListInfo {
  compressed: number;
  uncompressed: number;
  streams: number;
  frames: number;
  /** Levels of the streams, in order of first appearance. */
  levels: number[];
}

/** A byte source that can read exactly n bytes (fewer only at end) and skip n bytes. */
interface Source {
  read(n: number): Promise<Buffer>;
  skip(n: number): Promise<number>;
}

export function fileSource(fd: number, size: number): Source {
  let pos = 0;
  return {
    async read(n) {
      const b = Buffer.alloc(Math.min(n, Math.max(size - pos, 0)));
      let got = 0;
      while (got < b.length) {
        const k = fs.readSync(fd, b, got, b.length - got, pos + got);
        if (k === 0) break;
        got += k;
      }
      pos += got;
      return b.subarray(0, got);
    },
    async skip(n) {
      const k = Math.min(n, Math.max(size - pos, 0));
      pos += k;
      return k;
    },
  };
}

export function streamSource(stream: Readable): Source {
  const it = stream[Symbol.asyncIterator]();
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  const fill = async (n: number): Promise<void> => {
    while (pending.length < n && !ended) {
      const r = await it.next();
      if (r.done) ended = true;
      else pending = pending.length === 0 ? (r.value as Buffer) : Buffer.concat([pending, r.value as Buffer]);
    }
  };
  return {
    async read(n) {
      await fill(n);
      const out = pending.subarray(0, n);
      pending = pending.subarray(out.length);
      return out;
    },
    async skip(n) {
      let done = 0;
      while (done < n) {
        if (pending.length === 0) {
          if (ended) break;
          await fill(1);
          continue;
        }
        const k = Math.min(n - done, pending.length);
        pending = pending.subarray(k);
        done += k;
      }
      return done;
    },
  };
}

/** Reads at most this much at a time; payloads beyond it are skipped, not read, where the source can seek. */
const READ_SIZE = 64 * 1024;

/** Sizes from the records alone, through the container reader with payloads skipped. */
export async function walkContainer(src: Source): Promise<ListInfo> {
  const info: ListInfo = { compressed: 0, uncompressed: 0, streams: 0, frames: 0, levels: [] };
  const reader = new ContainerReader(unsupportedReason, { skipPayloads: true });
  let sum = 0;
  const onRecord = (r: ContainerRecord): void => {
    if (r.kind === 'header') {
      info.streams++;
      if (!info.levels.includes(r.params.level)) info.levels.push(r.params.level);
      sum = 0;
    } else if (r.kind === 'frame') {
      info.frames++;
      sum += r.rawLength;
    } else if (r.kind === 'end') {
      // The same check, and the same error, as the decoder's (it would find the same length mismatch).
      if (r.totalLength !== sum) {
        throw new NnzipError(ErrorCode.CHECKSUM, `stream check failed: end record says ${r.totalLength} bytes, frames hold ${sum}`);
      }
      info.uncompressed += sum;
    }
  };
  for (;;) {
    const skip = reader.skippable;
    if (skip > 0) {
      const n = await src.skip(skip);
      if (n === 0) break;
      reader.skipped(n, onRecord);
      continue;
    }
    const b = await src.read(READ_SIZE);
    if (b.length === 0) break;
    reader.push(b, onRecord);
  }
  reader.end();
  info.compressed = reader.position;
  return info;
}

const W = 19;

/**
 * gzip's four columns (compressed, uncompressed, ratio, uncompressed_name),
 * spaced as gzip spaces them, since scripts read them by position. -v puts
 * nnzip's own (streams, frames, bits per byte, level) in front, as gzip -lv
 * puts its method, CRC and date in front.
 */
export function listHeader(verbose: boolean): string {
  const extra = verbose ? `${'streams'.padStart(7)} ${'frames'.padStart(8)} ${'bits/B'.padStart(7)} ${'level'.padStart(5)} ` : '';
  return `${extra}${'compressed'.padStart(W)} ${'uncompressed'.padStart(W)} ${'ratio'.padStart(6)} uncompressed_name`;
}

/** Space saved as gzip -l shows it: 1 - compressed/uncompressed. */
export function savings(compressed: number, uncompressed: number): string {
  if (uncompressed === 0) return '0.0%';
  return `${(100 * (1 - compressed / uncompressed)).toFixed(1)}%`;
}

export function bitsPerByte(compressed: number, uncompressed: number): string {
  return uncompressed === 0 ? '-' : ((compressed * 8) / uncompressed).toFixed(3);
}

export function listLine(i: ListInfo, name: string, verbose: boolean, totals = false): string {
  const level = totals ? '' : i.levels.join(',');
  const extra = verbose
    ? `${String(i.streams).padStart(7)} ${String(i.frames).padStart(8)} ${bitsPerByte(i.compressed, i.uncompressed).padStart(7)} ${level.padStart(5)} `
    : '';
  return `${extra}${String(i.compressed).padStart(W)} ${String(i.uncompressed).padStart(W)} ${savings(i.compressed, i.uncompressed).padStart(6)} ${name}`;
}
