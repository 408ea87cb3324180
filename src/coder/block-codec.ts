/**
 * Blocks (format 3, FORMAT.md §2.4-§2.6): the unit of parallel work. A
 * stream's frames are grouped into blocks by a rule that depends on the
 * frames' lengths only (BlockCutter), so the output is the same whatever
 * the number of threads. Block 0 is coded with a fresh model; every later
 * block with a fresh model that has first learned the stream's first bytes
 * (the prime, at most the header's primeBytes, all inside block 0), so a
 * block depends on nothing but the stream's prefix and its own bytes.
 *
 * The pure functions here code one block each (encodeBlock, decodeBlock)
 * and build the container around them (header, index and end records):
 * what a worker thread needs. The sequential Encoder and Decoder
 * (encoder.ts, decoder.ts) follow the same rules record by record; both
 * paths give the same bytes (test/core/blocks.test.ts).
 */
import { crc32 } from '../format/crc32';
import {
  BLOCK_RECORD_SIZE,
  BlockIndex,
  BlockRecord,
  BlockStart,
  BLOCKS_VERSION,
  decodeBlockRecord,
  decodeFrameHeader,
  encodeBlockRecord,
  encodeEndRecord,
  encodeFrameHeader,
  encodeHeader,
  encodeIndexRecord,
  FRAME_BLOCK,
  FRAME_CODED,
  FRAME_HEADER_SIZE,
  FRAME_STORED,
  HEADER_SIZE,
  MAX_PRIME_BYTES,
  IndexEntry,
  indexRecordSize,
  StreamParams,
} from '../format/container';
import { allocBytes, concatBytes, copyBytes } from '../format/bytes';
import { bufferTooLarge, ErrorCode, NnzipError } from '../format/errors';
import type { FrameDecoder } from './frame-codec';
import { frameCodec } from './load-frame-codec';


/**
 * A block ends at the first frame end at which it holds at least this
 * many bytes (measured: docs/FORMAT.md §2.4).
 */
export const DEFAULT_BLOCK_BYTES = 16 << 20;
/** Bytes of the stream's start that blocks k >= 1 learn first (recorded in the header). */
export const DEFAULT_PRIME_BYTES = 1 << 20;

/** The block cutting rule: feed it every frame's length, in order. */
export class BlockCutter {
  readonly blockBytes: number;
  /** Index of the block the last frame went into. */
  block = 0;
  private held = 0;
  private frames = 0;

  constructor(blockBytes: number = DEFAULT_BLOCK_BYTES) {
    this.blockBytes = blockBytes;
  }

  /** Takes the next frame; true when it opens a new block (k >= 1, `block` is then its index). */
  next(rawLength: number): boolean {
    const opens = this.frames > 0 && this.held >= this.blockBytes;
    if (opens) {
      this.block++;
      this.held = 0;
    }
    this.held += rawLength;
    this.frames++;
    return opens;
  }
}

/** The prime's length: primeBytes (at most MAX_PRIME_BYTES), but never past block 0 (which ends where block 1 starts). */
export function primeLength(primeBytes: number, block1Offset: number): number {
  return Math.min(primeBytes, MAX_PRIME_BYTES, block1Offset);
}

export interface EncodeBlockJob {
  /** The stream's parameters (format 3: modelId >= 3). */
  params: StreamParams;
  /** The block's index k in its stream. */
  index: number;
  /** k >= 1: the stream's first primeLength(params.primeBytes ?? DEFAULT_PRIME_BYTES, start of block 1) bytes; ignored for k = 0. */
  prime: Uint8Array | null;
  /** The block's frames' original bytes (whole sentences each, as the sentence batcher cuts them). */
  frames: Uint8Array[];
  /** Where the block starts: its content offset and the running CRC-32 of the content before it (0, 0 for block 0). */
  start: BlockStart;
}

export interface EncodedBlock {
  /** The block record (k >= 1), then the block's frames, serialized. */
  records: Buffer;
  /** The running CRC-32 of the stream's content through the block's end. */
  crcAfter: number;
  /** The block's original bytes. */
  rawLength: number;
  frames: number;
}

/** Codes one block. The result depends on the job only (never on threads or timing). */
export function encodeBlock(job: EncodeBlockJob): EncodedBlock {
  const coder = new (frameCodec().FrameEncoder)(job.params, job.index > 0 ? job.prime : null);
  const out: Buffer[] = [];
  if (job.index > 0) out.push(encodeBlockRecord({ rawOffset: job.start.rawOffset, crc: job.start.crc, primeLength: job.prime?.length ?? 0 }));
  let crc = job.start.crc;
  let rawLength = 0;
  try {
    for (const frame of job.frames) {
      coder.begin(frame);
      coder.step(Infinity);
      const coded = coder.finish();
      crc = crc32(frame, crc);
      rawLength += frame.length;
      out.push(...frameBytes(frame, coded, crc));
    }
  } finally {
    // The next block's model (a worker codes one block after another) takes these tables.
    coder.retire();
  }
  return { records: Buffer.concat(out), crcAfter: crc, rawLength, frames: job.frames.length };
}

/**
 * A frame's record: coded, or stored raw when coding would not shrink it
 * (so a stream never grows by more than its framing). `crc` is the running
 * CRC-32 through its last byte.
 */
export function frameBytes(raw: Uint8Array, coded: Buffer, crc: number): Buffer[] {
  const stored = coded.length >= raw.length;
  // The raw bytes may be a view of the caller's chunk: a stored payload is a copy.
  const payload = stored ? Buffer.from(raw) : coded;
  return [encodeFrameHeader(stored ? FRAME_STORED : FRAME_CODED, raw.length, payload.length, crc), payload];
}

export interface DecodeBlockJob {
  /** The stream's parameters, from its header (format 3). */
  params: StreamParams;
  /** The block's index k in its stream. */
  index: number;
  /**
   * k >= 1: the stream's first bytes (decoded from block 0), at least as
   * many as the block record's primeLength (blockRecordOf(data)); all of
   * block 0, or its first min(MAX_PRIME_BYTES, |block 0|) bytes, will do.
   */
  prime: Uint8Array | null;
  /** The block's bytes as they are in the stream: its block record (k >= 1), then its frames, nothing more. */
  data: Buffer;
  /**
   * Where the block must start (the end of the blocks before it), if known:
   * the block record is checked against it before anything is decoded.
   * Without it, the caller must compare the returned `start` with the end of
   * the previous block (checkBlockStart) before releasing the bytes.
   */
  expectedStart?: BlockStart;
  /** The decompressor's maxOutputLength (default: no limit): a frame that would take releasedBefore + the block's bytes past it is not decoded. */
  maxOutputLength?: number;
  /** Bytes released before this block (all earlier blocks and streams). */
  releasedBefore?: number;
  /** Offset of data[0] in the whole input, for messages (default 0). */
  inputOffset?: number;
  /** Number (from 1) in its stream of the block's first frame, for messages (default 1). */
  firstFrame?: number;
  /** Called with each frame's verified bytes as soon as they are (so block 0's first bytes can prime other blocks early). */
  onFrame?: (bytes: Buffer) => void;
}

export interface DecodedBlock {
  /** The verified bytes: all the block's, or those of its frames before `error`. */
  data: Buffer;
  /** What the block record says (0, 0, 0 for block 0). */
  start: BlockRecord;
  /** The running CRC-32 through the last verified byte. */
  crcAfter: number;
  frames: number;
  /** The first error; the bytes in `data` were verified before it (a prefix of the original). */
  error: Error | null;
}

/**
 * Decodes one block, checking every frame's running CRC-32 before its
 * bytes count as output. Errors are returned with the bytes verified
 * before them, never thrown (so a worker can hand both back).
 */
export function decodeBlock(job: DecodeBlockJob): DecodedBlock {
  const data = job.data;
  const base = job.inputOffset ?? 0;
  const firstFrame = job.firstFrame ?? 1;
  const limit = job.maxOutputLength ?? Infinity;
  const released = job.releasedBefore ?? 0;
  const parts: Buffer[] = [];
  let start: BlockRecord = { rawOffset: 0, crc: 0, primeLength: 0 };
  let crc = 0;
  let length = 0;
  let frames = 0;
  let decoder: FrameDecoder | null = null;
  // The frames decode into one buffer sized from their headers, not a
  // buffer each to join at the end: those would be garbage that a worker,
  // allocating few objects, seldom collects (issue 11). A frame that does
  // not fit (a damaged header, a block past WHOLE_MAX) gets its own.
  let whole: Buffer | null = null;
  let inWhole = true;
  const result = (error: Error | null): DecodedBlock => ({
    data: inWhole && whole !== null ? whole.subarray(0, length) : Buffer.concat(parts, length),
    start,
    crcAfter: crc,
    frames,
    error,
  });
  try {
    let at = 0;
    if (job.index > 0) {
      if (data.length < BLOCK_RECORD_SIZE || data[0] !== FRAME_BLOCK) {
        throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: block ${job.index} does not start with a block record (at byte ${base})`);
      }
      start = decodeBlockRecord(data, 0);
      at = BLOCK_RECORD_SIZE;
    }
    crc = start.crc;
    if (job.expectedStart !== undefined) checkBlockStart(job.index, start, job.expectedStart, base);
    const prime = job.index > 0 ? primeOf(job.prime, start.primeLength, start.rawOffset, base) : null;
    decoder = new (frameCodec().FrameDecoder)(job.params, prime);
    whole = allocBytes(Math.max(0, Math.min(rawLengthOf(data, at), WHOLE_MAX, limit - released)));
    while (at < data.length) {
      if (data.length - at < FRAME_HEADER_SIZE || (data[at] !== FRAME_CODED && data[at] !== FRAME_STORED)) {
        throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: block ${job.index} holds something else than frames at byte ${base + at}`);
      }
      const f = decodeFrameHeader(data, at);
      const payloadAt = at + FRAME_HEADER_SIZE;
      if (data.length - payloadAt < f.payloadLength) {
        throw new NnzipError(ErrorCode.TRUNCATED, `unexpected end of block ${job.index} at byte ${base + data.length}: the stream is truncated`);
      }
      if (released + length + f.rawLength > limit) {
        throw bufferTooLarge(limit, `the decompressed data exceeds maxOutputLength (${released + length} bytes out, the next frame holds ${f.rawLength} more)`);
      }
      const fits: boolean = inWhole && length + f.rawLength <= whole.length;
      inWhole = fits;
      decoder.begin(f.type, data.subarray(payloadAt, payloadAt + f.payloadLength), f.rawLength, fits ? whole.subarray(length, length + f.rawLength) : allocBytes(f.rawLength));
      while (!decoder.step(1 << 30));
      const out = decoder.result();
      const running = crc32(out, crc);
      if (running !== f.crc) throw frameCheckError(firstFrame + frames, running, f.crc, false);
      crc = running;
      frames++;
      length += out.length;
      parts.push(out);
      job.onFrame?.(out);
      at = payloadAt + f.payloadLength;
    }
    if (frames === 0) throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: block ${job.index} holds no frames (at byte ${base})`);
  } catch (err) {
    return result(err as Error);
  } finally {
    // The next block's model takes these tables (spare-tables.ts).
    decoder?.retire();
  }
  return result(null);
}

/** The most a block's frames decode into one buffer (the default block is 16 MiB). */
const WHOLE_MAX = 64 << 20;

/** The original bytes of the frames from data[at] whose headers read well: only a size for decodeBlock's buffer, checked as it decodes. */
function rawLengthOf(data: Uint8Array, at: number): number {
  let total = 0;
  try {
    while (data.length - at >= FRAME_HEADER_SIZE && (data[at] === FRAME_CODED || data[at] === FRAME_STORED)) {
      const f = decodeFrameHeader(data, at);
      at += FRAME_HEADER_SIZE + f.payloadLength;
      if (at > data.length) break;
      total += f.rawLength;
    }
  } catch {
    // A damaged header: the decoding pass reports it where it comes.
  }
  return total;
}

/** The block record at the start of a block k >= 1's bytes (as decodeBlock's `data`), or null if there is none. */
export function blockRecordOf(data: Buffer): BlockRecord | null {
  return data.length >= BLOCK_RECORD_SIZE && data[0] === FRAME_BLOCK ? decodeBlockRecord(data, 0) : null;
}

/**
 * The prime a block record asks for, from the stream's first bytes (`kept`,
 * all of block 0 or its first MAX_PRIME_BYTES): a prime longer than that,
 * or than the content before the block, is impossible.
 */
export function primeOf(kept: Uint8Array | null, primeLength: number, rawOffset: number, inputOffset?: number): Uint8Array {
  checkPrimeFits(kept === null ? 0 : kept.length, primeLength, rawOffset, inputOffset);
  return kept!.subarray(0, primeLength);
}

/** Throws ERR_NNZIP_CORRUPT unless block 0, of which `have` bytes are kept, holds the prime a record asks for. */
function checkPrimeFits(have: number, primeLength: number, rawOffset: number, inputOffset?: number): void {
  if (primeLength > have || primeLength > rawOffset || primeLength > MAX_PRIME_BYTES) {
    const where = inputOffset === undefined ? '' : ` at byte ${inputOffset}`;
    throw new NnzipError(
      ErrorCode.CORRUPT,
      `corrupt stream: the block record${where} asks for a prime of ${primeLength} bytes, more than block 0 holds (${Math.min(have, rawOffset)} at most)`,
    );
  }
}

/**
 * Block 0's first bytes, kept for the prime of the later blocks until block
 * 1's record says how long the prime is (up to MAX_PRIME_BYTES).
 *
 * Given the stream's params (the Decoder), it keeps lean: the decoded bytes
 * only up to the default prime's length, in one buffer whose pages fill as
 * it does (a zero-filled array), and a copy of each frame record up to
 * MAX_PRIME_BYTES (a tenth of the bytes, coded). The default prime is then a
 * view of that buffer: no copy at block 1, and 1 MiB held instead of 4 (peak
 * memory of a stream of several blocks, issue 11). A longer prime (the
 * encoder's primeBytes option) is decoded again from those records by a
 * fresh model: the same bytes, whose checks have passed already.
 * Without params (the threaded decoding stage, which reads block 1's record
 * ahead and makes the prime as soon as it can), the decoded bytes are kept.
 */
export class PrimeKeeper {
  private parts: Uint8Array[] = [];
  /** Bytes of block 0 seen so far, up to MAX_PRIME_BYTES. */
  length = 0;
  private open: boolean;
  private readonly params: StreamParams | null;
  /** Lean: the decoded bytes up to DEFAULT_PRIME_BYTES, and the records up to MAX_PRIME_BYTES. */
  private head: Uint8Array | null = null;
  private records: { type: number; payload: Uint8Array; rawLength: number }[] = [];

  /** Keeps bytes only for a stream of a version with blocks; `params`: lean (above). */
  constructor(version: number, params: StreamParams | null = null) {
    this.open = version >= BLOCKS_VERSION;
    this.params = params;
  }

  /** Keeps what of a decoded frame falls in the stream's first MAX_PRIME_BYTES, until the prime is made; `record`: the frame's (lean). */
  take(out: Uint8Array, record?: { type: number; payload: Uint8Array; rawLength: number }): void {
    if (!this.open || this.length >= MAX_PRIME_BYTES) return;
    if (this.params === null || record === undefined) {
      const part = copyBytes(out.subarray(0, MAX_PRIME_BYTES - this.length));
      this.parts.push(part);
      this.length += part.length;
      return;
    }
    if (this.length < DEFAULT_PRIME_BYTES) {
      this.head ??= new Uint8Array(DEFAULT_PRIME_BYTES);
      this.head.set(out.subarray(0, DEFAULT_PRIME_BYTES - this.length), this.length);
    }
    // The payload may be a view of the caller's input chunk, which the caller may reuse.
    this.records.push({ type: record.type, payload: copyBytes(record.payload), rawLength: record.rawLength });
    this.length = Math.min(this.length + out.length, MAX_PRIME_BYTES);
  }

  /** The prime a block record asks for (primeOf's checks), joining only its bytes; nothing is kept after. */
  prime(primeLength: number, rawOffset: number): Uint8Array {
    const { parts, head, records } = this;
    this.parts = [];
    this.head = null;
    this.records = [];
    this.open = false;
    if (this.params === null) return primeOf(concatBytes(parts, Math.min(this.length, primeLength)), primeLength, rawOffset);
    checkPrimeFits(this.length, primeLength, rawOffset);
    if (primeLength <= DEFAULT_PRIME_BYTES) return head === null ? new Uint8Array(0) : head.subarray(0, primeLength);
    return this.decodeAgain(records, primeLength);
  }

  /** A prime longer than the head: block 0's first frames decoded again by a fresh model (retired after). */
  private decodeAgain(records: { type: number; payload: Uint8Array; rawLength: number }[], primeLength: number): Uint8Array {
    const prime = new Uint8Array(primeLength);
    const decoder = new (frameCodec().FrameDecoder)(this.params!);
    let at = 0;
    for (const r of records) {
      if (at >= primeLength) break;
      decoder.begin(r.type, r.payload, r.rawLength);
      while (!decoder.step(1 << 30));
      const out = decoder.result();
      prime.set(out.subarray(0, primeLength - at), at);
      at += out.length;
    }
    decoder.retire();
    return prime;
  }
}

/** Every block after the first learns the same prime: a record asking for another length is corrupt. */
export function checkPrimeLength(index: number, primeLength: number, prime: Uint8Array): void {
  if (primeLength === prime.length) return;
  throw new NnzipError(
    ErrorCode.CORRUPT,
    `corrupt stream: block ${index} asks for a prime of ${primeLength} bytes, block 1 for ${prime.length} (the same for all blocks)`,
  );
}

/** Throws ERR_NNZIP_CHECKSUM unless a block record says what the blocks before it were. */
export function checkBlockStart(index: number, claimed: BlockStart, actual: BlockStart, inputOffset?: number): void {
  if (claimed.rawOffset === actual.rawOffset && claimed.crc === actual.crc) return;
  const where = inputOffset === undefined ? '' : ` at byte ${inputOffset}`;
  throw new NnzipError(
    ErrorCode.CHECKSUM,
    `block check failed: the record of block ${index}${where} says it starts at byte ${claimed.rawOffset} of the content after CRC-32 ${hex(claimed.crc)}, ` +
      `the blocks before it hold ${actual.rawOffset} bytes with CRC-32 ${hex(actual.crc)} (the input is corrupt, or blocks are out of place)`,
  );
}

/** The end record's check: the stream's length and running CRC-32 against what was decoded (sequential or in blocks). */
export function checkStreamEnd(claimed: { totalLength: number; crc: number }, total: number, crc: number): void {
  if (claimed.totalLength !== total || claimed.crc !== crc) {
    throw new NnzipError(
      ErrorCode.CHECKSUM,
      `stream check failed: end record says ${claimed.totalLength} bytes with CRC-32 ${hex(claimed.crc)}, decoded ${total} bytes with CRC-32 ${hex(crc)}`,
    );
  }
}

/** The error of a frame whose bytes fail their check. */
export function frameCheckError(frame: number, check: number, expected: number, perFrame: boolean): NnzipError {
  return new NnzipError(
    ErrorCode.CHECKSUM,
    `data check failed in frame ${frame}: CRC-32 ${hex(check)} of the decoded bytes` +
      `${perFrame ? '' : ' (running)'}, ${hex(expected)} expected (the input is corrupt${perFrame ? '' : ', or frames are out of place'})`,
  );
}

export function hex(n: number): string {
  return '0x' + (n >>> 0).toString(16).padStart(8, '0');
}

/** A format-3 stream's header. */
export function streamHeader(params: StreamParams): Buffer {
  return encodeHeader(params, BLOCKS_VERSION);
}

/**
 * The tail of a format-3 stream: tell it each block's sizes in order, then
 * it writes the index (for 2 or more blocks) and the end record. The
 * sequential Encoder uses it too.
 */
export class StreamTail {
  private readonly entries: IndexEntry[] = [];
  /** Bytes of the stream so far (its header included). */
  private written = HEADER_SIZE;
  private rawLength = 0;

  /** After each block: its serialized size (block record included), original bytes and frames. */
  addBlock(recordsLength: number, rawLength: number, frames: number): void {
    this.entries.push({ compressedOffset: this.written, rawOffset: this.rawLength, frames });
    this.written += recordsLength;
    this.rawLength += rawLength;
  }

  get blocks(): number {
    return this.entries.length;
  }

  /** The index (2+ blocks) and end records; `crc` is the CRC-32 of the whole content. */
  finish(crc: number): Buffer {
    if (this.entries.length < 2) return encodeEndRecord(this.rawLength, crc);
    const index = encodeIndexRecord({ entries: this.entries, indexOffset: this.written, totalLength: this.rawLength });
    return Buffer.concat([index, encodeEndRecord(this.rawLength, crc, indexRecordSize(this.entries.length))]);
  }

  /** The same as records: the index to attach to the end record (undefined below 2 blocks). */
  index(): BlockIndex | undefined {
    return this.entries.length < 2 ? undefined : { entries: this.entries, indexOffset: this.written, totalLength: this.rawLength };
  }
}

/** For a worker's reply: an error as plain data. */
export interface WireError {
  name: string;
  code?: string;
  message: string;
}

export function errorToWire(err: Error): WireError {
  return { name: err.name, code: (err as { code?: string }).code, message: err.message };
}

/** Rebuilds an NnzipError (or node:zlib's RangeError for the output limit) from errorToWire's data. */
export function errorFromWire(w: WireError): Error {
  if (w.name === 'NnzipError' && w.code !== undefined) return new NnzipError(w.code as NnzipError['code'], w.message);
  const err = w.name === 'RangeError' ? new RangeError(w.message) : new Error(w.message);
  if (w.code !== undefined) (err as Error & { code?: string }).code = w.code;
  return err;
}
