/**
 * The nnzip container: a stream header, then frames, then an end record.
 * docs/FORMAT.md is the normative description; this file is its code.
 *
 *   header  = magic(4) version(1) model(1) level(1) tableBits(1) crc32(4)
 *   frame   = type(1) rawLength(u32) payloadLength(u32) crc32(u32) payload
 *   block   = type(1)=3 rawOffset(u64) crc32(u32) primeLength(u32)     (v3, before block k >= 1)
 *   index   = type(1)=4 count(u32) {compressedOffset(u64) rawOffset(u64) frames(u32)}*count
 *             indexOffset(u64) totalLength(u64) crc32(u32)              (v3, streams of 2+ blocks)
 *   end     = type(1)=0 totalLength(u64) crc32(u32)
 *           | type(1)=5 totalLength(u64) crc32(u32) indexLength(u32)   (v3, after an index)
 *
 * All integers are big-endian. The CRC-32 is zlib's (ISO-HDLC) as given by
 * `zlib.crc32` (crc32.ts). The decoding side (decode*, checkMagic) uses no
 * Node API: it also runs in browsers (src/browser). Streams may be concatenated; each one carries its own header.
 *
 * A frame's crc32 is, in version 2, the running CRC-32 of the stream's
 * original bytes from its start through the end of this frame: it binds the
 * frame to its place, so a frame swapped, repeated or dropped fails its own
 * check before any of its bytes are released. In version 1 it covered the
 * frame's bytes alone (still decoded).
 */
import { bytesEqual, copyBytes, readU32BE, readU64BE } from './bytes';
import { crc32 } from './crc32';
import { ErrorCode, NnzipError } from './errors';

export const MAGIC = copyBytes([0x89, 0x4e, 0x4e, 0x5a]); // "\x89NNZ"
/** The version this nnzip writes. */
export const FORMAT_VERSION = 3;
/** The oldest version it still reads (nnzip 0.1.0 wrote version 1). */
export const MIN_FORMAT_VERSION = 1;
/** Format 3 brought blocks and the block index (FORMAT.md §2.4-§2.6). */
export const BLOCKS_VERSION = 3;
export const HEADER_SIZE = 12;
/**
 * The longest prime a block record may ask for: a decoder keeps up to this
 * much of the stream's start while it decodes block 0.
 */
export const MAX_PRIME_BYTES = 4 << 20;

/** Frame types. */
export const FRAME_END = 0x00;
/** Payload is the range coder's output. */
export const FRAME_CODED = 0x01;
/** Payload is the raw bytes (used when coding would expand them); the model still learns them. */
export const FRAME_STORED = 0x02;
/** Format 3: opens block k >= 1 (its first frame follows). */
export const FRAME_BLOCK = 0x03;
/** Format 3: the block index, just before the end record. */
export const FRAME_INDEX = 0x04;
/** Format 3: the end record of a stream with a block index (it gives the index's length). */
export const FRAME_END_INDEXED = 0x05;

export const FRAME_HEADER_SIZE = 13;
export const END_RECORD_SIZE = 13;
/** The end record after a block index: indexLength (u32) after the CRC. */
export const END_INDEXED_SIZE = 17;
export const BLOCK_RECORD_SIZE = 17;
export const INDEX_ENTRY_SIZE = 20;
/** An index record's size without its entries. */
export const INDEX_FIXED_SIZE = 25;

/**
 * The largest frame a decoder accepts. Encoders stay below it: a frame ends at
 * the first sentence boundary at or past `frameSize`, which src/options.ts
 * bounds by MAX_FRAME_RAW - MAX_SENTENCE.
 */
export const MAX_FRAME_RAW = 8 << 20;

export interface StreamParams {
  /** Model family: 3 is written (src/model/presets.ts MODEL_ID), 1 and 2 are still decoded. */
  modelId: number;
  /** Speed/strength preset, 1-9. */
  level: number;
  /** log2 of the number of 64-byte buckets in the model's hashed context table. */
  tableBits: number;
  /**
   * Format 3, the encoder's: a block ends at the first frame end at which it
   * holds at least this many bytes (default block-codec.ts
   * DEFAULT_BLOCK_BYTES). Not recorded: the block records show the cuts.
   */
  blockBytes?: number;
  /**
   * Format 3, the encoder's: every block after the first learns the
   * stream's first min(primeBytes, length of block 0) bytes (the prime)
   * before its own (default DEFAULT_PRIME_BYTES, at most MAX_PRIME_BYTES).
   * The block records give the prime's length.
   */
  primeBytes?: number;
}

/** A stream header; `version` other than the current one is for tests of old streams. */
export function encodeHeader(p: StreamParams, version = FORMAT_VERSION): Buffer {
  const b = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(b, 0);
  b[4] = version;
  b[5] = p.modelId;
  b[6] = p.level;
  b[7] = p.tableBits;
  b.writeUInt32BE(crc32(b.subarray(0, 8)), 8);
  return b;
}

/** Throws BAD_MAGIC unless `b` starts with the magic (it may be just those 4 bytes). */
export function checkMagic(b: Uint8Array): void {
  if (!bytesEqual(b.subarray(0, 4), MAGIC)) {
    throw new NnzipError(ErrorCode.BAD_MAGIC, 'not in nnzip format (bad magic number)');
  }
}

/**
 * Parses a header. `supported` tells whether this build can decode a model id
 * and its parameters; the check lives with the model, not here.
 */
export function decodeHeader(
  b: Uint8Array,
  supported: (p: StreamParams) => string | null,
): StreamParams {
  checkMagic(b);
  if (b.length < HEADER_SIZE) {
    throw new NnzipError(ErrorCode.TRUNCATED, `stream header is truncated (${b.length} of ${HEADER_SIZE} bytes)`);
  }
  const version = b[4];
  if (version < MIN_FORMAT_VERSION || version > FORMAT_VERSION) {
    throw new NnzipError(
      ErrorCode.UNSUPPORTED_VERSION,
      `unsupported format version ${version} (this nnzip reads versions ${MIN_FORMAT_VERSION} to ${FORMAT_VERSION})`,
    );
  }
  if (readU32BE(b, 8) !== crc32(b.subarray(0, 8))) {
    throw new NnzipError(ErrorCode.BAD_HEADER, 'stream header is damaged (header checksum mismatch)');
  }
  const p: StreamParams = { modelId: b[5], level: b[6], tableBits: b[7] };
  const why = supported(p);
  if (why !== null) throw new NnzipError(ErrorCode.UNSUPPORTED_MODEL, why);
  return p;
}

export function encodeFrameHeader(type: number, rawLength: number, payloadLength: number, crc: number): Buffer {
  const b = Buffer.alloc(FRAME_HEADER_SIZE);
  b[0] = type;
  b.writeUInt32BE(rawLength, 1);
  b.writeUInt32BE(payloadLength, 5);
  b.writeUInt32BE(crc >>> 0, 9);
  return b;
}

export interface FrameHeader {
  type: number;
  rawLength: number;
  payloadLength: number;
  crc: number;
}

/** Parses the 13 bytes after a frame's type byte has been seen to be a data frame. */
export function decodeFrameHeader(b: Uint8Array, offset: number): FrameHeader {
  const type = b[offset];
  const rawLength = readU32BE(b, offset + 1);
  const payloadLength = readU32BE(b, offset + 5);
  const crc = readU32BE(b, offset + 9);
  if (rawLength === 0 || rawLength > MAX_FRAME_RAW) {
    throw new NnzipError(ErrorCode.CORRUPT, `corrupt frame: impossible original length ${rawLength}`);
  }
  if (type === FRAME_STORED ? payloadLength !== rawLength : payloadLength > rawLength + 8) {
    // Coded frames never exceed their raw size by more than the coder's flush:
    // the encoder stores a frame raw instead.
    throw new NnzipError(ErrorCode.CORRUPT, `corrupt frame: payload length ${payloadLength} for ${rawLength} bytes`);
  }
  return { type, rawLength, payloadLength, crc };
}

/** The end record; with `indexLength` (the index record's size, format 3) the one that follows an index. */
export function encodeEndRecord(totalLength: number, crc: number, indexLength?: number): Buffer {
  const b = Buffer.alloc(indexLength === undefined ? END_RECORD_SIZE : END_INDEXED_SIZE);
  b[0] = indexLength === undefined ? FRAME_END : FRAME_END_INDEXED;
  b.writeBigUInt64BE(BigInt(totalLength), 1);
  b.writeUInt32BE(crc >>> 0, 9);
  if (indexLength !== undefined) b.writeUInt32BE(indexLength, 13);
  return b;
}

export function decodeEndRecord(b: Uint8Array, offset: number): { totalLength: number; crc: number; indexLength?: number } {
  const end: { totalLength: number; crc: number; indexLength?: number } = { totalLength: readU64BE(b, offset + 1), crc: readU32BE(b, offset + 9) };
  if (b[offset] === FRAME_END_INDEXED) end.indexLength = readU32BE(b, offset + 13);
  return end;
}

/** Where a block starts: its content offset and the running CRC-32 of the content before it. */
export interface BlockStart {
  rawOffset: number;
  crc: number;
}

/** A block record: where the block starts, and how many of the stream's first bytes its model learns first. */
export interface BlockRecord extends BlockStart {
  primeLength: number;
}

export function encodeBlockRecord(r: BlockRecord): Buffer {
  const b = Buffer.alloc(BLOCK_RECORD_SIZE);
  b[0] = FRAME_BLOCK;
  b.writeBigUInt64BE(BigInt(r.rawOffset), 1);
  b.writeUInt32BE(r.crc >>> 0, 9);
  b.writeUInt32BE(r.primeLength, 13);
  return b;
}

export function decodeBlockRecord(b: Uint8Array, offset: number): BlockRecord {
  return { rawOffset: readU64BE(b, offset + 1), crc: readU32BE(b, offset + 9), primeLength: readU32BE(b, offset + 13) };
}

/** One block in the index: where it starts in the stream (from the header's first byte) and in the content, and its frame count. */
export interface IndexEntry {
  compressedOffset: number;
  rawOffset: number;
  frames: number;
}

export interface BlockIndex {
  entries: IndexEntry[];
  /** The index record's own offset from the stream's first byte (so a reader coming from the end finds the header). */
  indexOffset: number;
  /** The stream's content length, as in the end record (which the index's CRC does not cover). */
  totalLength: number;
}

export function indexRecordSize(count: number): number {
  return INDEX_FIXED_SIZE + INDEX_ENTRY_SIZE * count;
}

export function encodeIndexRecord(index: BlockIndex): Buffer {
  const n = index.entries.length;
  const b = Buffer.alloc(indexRecordSize(n));
  b[0] = FRAME_INDEX;
  b.writeUInt32BE(n, 1);
  let o = 5;
  for (const e of index.entries) {
    b.writeBigUInt64BE(BigInt(e.compressedOffset), o);
    b.writeBigUInt64BE(BigInt(e.rawOffset), o + 8);
    b.writeUInt32BE(e.frames, o + 16);
    o += INDEX_ENTRY_SIZE;
  }
  b.writeBigUInt64BE(BigInt(index.indexOffset), o);
  b.writeBigUInt64BE(BigInt(index.totalLength), o + 8);
  b.writeUInt32BE(crc32(b.subarray(0, o + 16)), o + 16);
  return b;
}

/** The count of entries an index record declares (from its first 5 bytes). */
export function indexCount(b: Uint8Array, offset: number): number {
  return readU32BE(b, offset + 1);
}

/** Parses a whole index record; `intact` is false if its CRC does not match (its entries are then not to be trusted). */
export function decodeIndexRecord(b: Uint8Array, offset: number): BlockIndex & { intact: boolean } {
  const n = indexCount(b, offset);
  const entries: IndexEntry[] = [];
  let o = offset + 5;
  for (let i = 0; i < n; i++) {
    entries.push({ compressedOffset: readU64BE(b, o), rawOffset: readU64BE(b, o + 8), frames: readU32BE(b, o + 16) });
    o += INDEX_ENTRY_SIZE;
  }
  const indexOffset = readU64BE(b, o);
  const totalLength = readU64BE(b, o + 8);
  const intact = readU32BE(b, o + 16) === crc32(b.subarray(offset, o + 16));
  return { entries, indexOffset, totalLength, intact };
}

/** The format version of a header that decodeHeader has accepted. */
export function headerVersion(b: Uint8Array): number {
  return b[4];
}

/**
 * The unit the stages pass around: what the coding stage makes and the
 * decoding stage takes. A header's version is the one it was read with
 * (written headers are always FORMAT_VERSION).
 */
export type ContainerRecord =
  | { kind: 'header'; params: StreamParams; version: number }
  /**
   * A frame; `block` (format 3) when a block record precedes it: the frame
   * opens block k >= 1 (the record's bytes are serialized, and read, with it).
   */
  | { kind: 'frame'; type: number; rawLength: number; crc: number; payload: Buffer; block?: BlockRecord }
  /**
   * The end record. Format 3 with a block index: the index record read
   * before it (`index`, with `intact` false if its CRC or entries do not
   * match the stream) and its size `indexLength`; they are serialized, and
   * read, with the end record.
   */
  | { kind: 'end'; totalLength: number; crc: number; indexLength?: number; index?: BlockIndex & { intact?: boolean } }
  /** Input after the last complete stream that is not one (reader mode 'report'); `offset` is where it began. */
  | { kind: 'trailing'; offset: number; data: Buffer };

export function serializeRecord(r: ContainerRecord): Buffer[] {
  switch (r.kind) {
    case 'header':
      return [encodeHeader(r.params, r.version)];
    case 'frame': {
      const frame = [encodeFrameHeader(r.type, r.rawLength, r.payload.length, r.crc), r.payload];
      return r.block === undefined ? frame : [encodeBlockRecord(r.block), ...frame];
    }
    case 'end': {
      const end = encodeEndRecord(r.totalLength, r.crc, r.indexLength);
      return r.index === undefined ? [end] : [encodeIndexRecord(r.index), end];
    }
    case 'trailing':
      return [r.data];
  }
}
