/**
 * `nnzip -l`: sizes from the container's own records, without decoding.
 * On a file, streams with a block index (format 3, 2+ blocks) are read
 * from the end backwards, as xz does: the last bytes lead to the index,
 * which gives the stream's sizes and where it starts, a few reads per
 * stream whatever its size (readIndexes). Anything before the last stream
 * without an index, or anything that does not check, is walked forwards:
 * the container reader walks stream headers, frame headers and end
 * records, skipping payloads (with positioned reads on a file, by
 * discarding on a pipe). Both give the same figures.
 */
import * as fs from 'node:fs';
import type { Readable } from 'node:stream';
import {
  BLOCK_RECORD_SIZE,
  BLOCKS_VERSION,
  ContainerRecord,
  decodeBlockRecord,
  decodeEndRecord,
  decodeHeader,
  decodeIndexRecord,
  END_INDEXED_SIZE,
  FRAME_BLOCK,
  FRAME_END_INDEXED,
  FRAME_INDEX,
  HEADER_SIZE,
  INDEX_ENTRY_SIZE,
  INDEX_FIXED_SIZE,
  indexCount,
  IndexEntry,
  indexRecordSize,
} from '../format/container';
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

/** The bytes of a file from `at` (fewer at its end). */
function readAt(fd: number, at: number, n: number): Buffer {
  const b = Buffer.alloc(n);
  let got = 0;
  while (got < n) {
    const k = fs.readSync(fd, b, got, n - got, at + got);
    if (k === 0) break;
    got += k;
  }
  return b.subarray(0, got);
}

/** Where the zero padding at the end of a file begins (its size if none). */
function paddingStart(fd: number, size: number): number {
  let end = size;
  while (end > 0) {
    const n = Math.min(end, READ_SIZE);
    const b = readAt(fd, end - n, n);
    let i = b.length;
    while (i > 0 && b[i - 1] === 0) i--;
    if (i > 0) return end - n + i;
    end -= n;
  }
  return 0;
}

/** One stream found from its end through its index. */
export interface IndexedStream {
  /** Offset of its header in the file. */
  start: number;
  uncompressed: number;
  frames: number;
  level: number;
  /** Its blocks (offsets from `start`) and where its index begins (from `start`). */
  entries: IndexEntry[];
  indexOffset: number;
}

/**
 * The stream that ends exactly at `end`, if it has a block index that
 * checks: the end record after an index, the index's CRC, its entries in
 * order and each block record where the index puts it, the header where
 * the index says the stream starts. Null otherwise (no index, or damage).
 */
function indexedStreamEndingAt(fd: number, end: number): IndexedStream | null {
  if (end < HEADER_SIZE + indexRecordSize(2) + END_INDEXED_SIZE) return null;
  const tail = readAt(fd, end - END_INDEXED_SIZE, END_INDEXED_SIZE);
  if (tail.length < END_INDEXED_SIZE || tail[0] !== FRAME_END_INDEXED) return null;
  const { totalLength, indexLength } = decodeEndRecord(tail, 0);
  const indexAt = end - END_INDEXED_SIZE - indexLength!;
  if ((indexLength! - INDEX_FIXED_SIZE) % INDEX_ENTRY_SIZE !== 0 || indexLength! < indexRecordSize(2) || indexAt < HEADER_SIZE) return null;
  const b = readAt(fd, indexAt, indexLength!);
  if (b.length < indexLength! || b[0] !== FRAME_INDEX || indexRecordSize(indexCount(b, 0)) !== indexLength) return null;
  const index = decodeIndexRecord(b, 0);
  const start = indexAt - index.indexOffset;
  if (!index.intact || index.totalLength !== totalLength || start < 0) return null;
  let header;
  try {
    const h = readAt(fd, start, HEADER_SIZE);
    header = decodeHeader(h, unsupportedReason);
    if (h[4] < BLOCKS_VERSION) return null;
  } catch {
    return null;
  }
  let frames = 0;
  for (let i = 0; i < index.entries.length; i++) {
    const e = index.entries[i];
    const next = i + 1 < index.entries.length ? index.entries[i + 1] : { compressedOffset: index.indexOffset, rawOffset: totalLength };
    if (e.frames < 1 || next.compressedOffset <= e.compressedOffset || next.rawOffset <= e.rawOffset) return null;
    if (i === 0) {
      if (e.compressedOffset !== HEADER_SIZE || e.rawOffset !== 0) return null;
    } else {
      const r = readAt(fd, start + e.compressedOffset, BLOCK_RECORD_SIZE);
      if (r.length < BLOCK_RECORD_SIZE || r[0] !== FRAME_BLOCK || decodeBlockRecord(r, 0).rawOffset !== e.rawOffset) return null;
    }
    frames += e.frames;
  }
  return { start, uncompressed: totalLength, frames, level: header.level, entries: index.entries, indexOffset: index.indexOffset };
}

/**
 * `-l` of a file: the streams with an index from the end backwards, then
 * (if the first of them does not start the file) a forward walk of what
 * is before them.
 */
export async function listFile(fd: number, size: number): Promise<ListInfo> {
  const { found, end } = indexedStreams(fd, size);
  if (found.length === 0) return walkContainer(fileSource(fd, size));
  let info: ListInfo = { compressed: 0, uncompressed: 0, streams: 0, frames: 0, levels: [] };
  if (end > 0) {
    try {
      info = await walkContainer(fileSource(fd, end));
    } catch {
      // Not a boundary between streams after all: the whole file forwards, with its own errors.
      return walkContainer(fileSource(fd, size));
    }
  }
  for (const s of found) {
    info.streams++;
    info.frames += s.frames;
    info.uncompressed += s.uncompressed;
    if (!info.levels.includes(s.level)) info.levels.push(s.level);
  }
  info.compressed = size;
  return info;
}

/**
 * The streams at the end of a file that have a block index which checks,
 * found backwards from the end, in file order; `end` is where the first of
 * them starts (what is before it has to be walked forwards). A parallel
 * decompressor can take its blocks from here.
 */
export function indexedStreams(fd: number, size: number): { found: IndexedStream[]; end: number } {
  const found: IndexedStream[] = [];
  const dataEnd = paddingStart(fd, size);
  // The end record's last bytes (its CRC) may themselves be zeros: try up to 4 more as the stream's end.
  let end = -1;
  for (let e = dataEnd; e <= Math.min(size, dataEnd + 4) && end < 0; e++) {
    const s = indexedStreamEndingAt(fd, e);
    if (s !== null) {
      found.push(s);
      end = s.start;
    }
  }
  // Streams before it end where the next starts (padding comes only at the end of a file).
  while (end > 0) {
    const s = indexedStreamEndingAt(fd, end);
    if (s === null) break;
    found.unshift(s);
    end = s.start;
  }
  return { found, end: found.length === 0 ? size : end };
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
