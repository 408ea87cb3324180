/**
 * `nnzip -l`: sizes from the container's own records, without decoding.
 * Walks stream headers, frame headers and end records, skipping payloads
 * (with positioned reads on a file, by discarding on a pipe).
 */
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import {
  decodeEndRecord,
  decodeFrameHeader,
  decodeHeader,
  END_RECORD_SIZE,
  FRAME_CODED,
  FRAME_END,
  FRAME_HEADER_SIZE,
  FRAME_STORED,
  HEADER_SIZE,
  MAGIC,
} from '../format/container';
import { ErrorCode, NnzipError } from '../format/errors';
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

function truncated(at: number): NnzipError {
  return new NnzipError(ErrorCode.TRUNCATED, `unexpected end of input at byte ${at}: the stream is truncated`);
}

export async function walkContainer(src: Source): Promise<ListInfo> {
  const info: ListInfo = { compressed: 0, uncompressed: 0, streams: 0, frames: 0, levels: [] };
  let at = 0;
  for (;;) {
    const h = await src.read(HEADER_SIZE);
    at += h.length;
    if (h.length === 0) {
      if (info.streams === 0) throw new NnzipError(ErrorCode.TRUNCATED, 'unexpected end of input: the input is empty, not an nnzip stream');
      break;
    }
    const k = Math.min(4, h.length);
    if (!h.subarray(0, k).equals(MAGIC.subarray(0, k))) {
      throw new NnzipError(
        ErrorCode.BAD_MAGIC,
        info.streams === 0 ? 'not in nnzip format (bad magic number)' : 'trailing garbage after the end of the nnzip stream (bad magic number)',
      );
    }
    if (h.length < HEADER_SIZE) throw truncated(at);
    const params = decodeHeader(h, unsupportedReason);
    info.streams++;
    if (!info.levels.includes(params.level)) info.levels.push(params.level);
    let sum = 0;
    for (;;) {
      const t = await src.read(1);
      at += t.length;
      if (t.length === 0) throw truncated(at);
      if (t[0] === FRAME_END) {
        const rest = await src.read(END_RECORD_SIZE - 1);
        at += rest.length;
        if (rest.length < END_RECORD_SIZE - 1) throw truncated(at);
        const end = decodeEndRecord(Buffer.concat([t, rest]), 0);
        if (end.totalLength !== sum) {
          throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: end record says ${end.totalLength} bytes, frames hold ${sum}`);
        }
        info.uncompressed += sum;
        break;
      }
      if (t[0] !== FRAME_CODED && t[0] !== FRAME_STORED) {
        throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: unknown frame type ${t[0]} at byte ${at - 1}`);
      }
      const rest = await src.read(FRAME_HEADER_SIZE - 1);
      at += rest.length;
      if (rest.length < FRAME_HEADER_SIZE - 1) throw truncated(at);
      const fh = decodeFrameHeader(Buffer.concat([t, rest]), 0);
      const skipped = await src.skip(fh.payloadLength);
      at += skipped;
      if (skipped < fh.payloadLength) throw truncated(at);
      sum += fh.rawLength;
      info.frames++;
    }
  }
  info.compressed = at;
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
