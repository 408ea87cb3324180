/**
 * The nnzip container: a stream header, then frames, then an end record.
 * docs/FORMAT.md is the normative description; this file is its code.
 *
 *   header  = magic(4) version(1) model(1) level(1) tableBits(1) crc32(4)
 *   frame   = type(1) rawLength(u32) payloadLength(u32) crc32(u32) payload
 *   end     = type(1)=0 totalLength(u64) crc32(u32)
 *
 * All integers are big-endian. The CRC-32 is zlib's (ISO-HDLC) as given by
 * `zlib.crc32`. Streams may be concatenated; each one carries its own header.
 *
 * A frame's crc32 is, in version 2, the running CRC-32 of the stream's
 * original bytes from its start through the end of this frame: it binds the
 * frame to its place, so a frame swapped, repeated or dropped fails its own
 * check before any of its bytes are released. In version 1 it covered the
 * frame's bytes alone (still decoded).
 */
import { crc32 } from 'node:zlib';
import { ErrorCode, NnzipError } from './errors';

export const MAGIC = Buffer.from([0x89, 0x4e, 0x4e, 0x5a]); // "\x89NNZ"
/** The version this nnzip writes. */
export const FORMAT_VERSION = 2;
/** The oldest version it still reads (nnzip 0.1.0 wrote version 1). */
export const MIN_FORMAT_VERSION = 1;
export const HEADER_SIZE = 12;

/** Frame types. */
export const FRAME_END = 0x00;
/** Payload is the range coder's output. */
export const FRAME_CODED = 0x01;
/** Payload is the raw bytes (used when coding would expand them); the model still learns them. */
export const FRAME_STORED = 0x02;

export const FRAME_HEADER_SIZE = 13;
export const END_RECORD_SIZE = 13;

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
export function checkMagic(b: Buffer): void {
  if (!b.subarray(0, 4).equals(MAGIC)) {
    throw new NnzipError(ErrorCode.BAD_MAGIC, 'not in nnzip format (bad magic number)');
  }
}

/**
 * Parses a header. `supported` tells whether this build can decode a model id
 * and its parameters; the check lives with the model, not here.
 */
export function decodeHeader(
  b: Buffer,
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
  if (b.readUInt32BE(8) !== crc32(b.subarray(0, 8))) {
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
export function decodeFrameHeader(b: Buffer, offset: number): FrameHeader {
  const type = b[offset];
  const rawLength = b.readUInt32BE(offset + 1);
  const payloadLength = b.readUInt32BE(offset + 5);
  const crc = b.readUInt32BE(offset + 9);
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

export function encodeEndRecord(totalLength: number, crc: number): Buffer {
  const b = Buffer.alloc(END_RECORD_SIZE);
  b[0] = FRAME_END;
  b.writeBigUInt64BE(BigInt(totalLength), 1);
  b.writeUInt32BE(crc >>> 0, 9);
  return b;
}

export function decodeEndRecord(b: Buffer, offset: number): { totalLength: number; crc: number } {
  const total = b.readBigUInt64BE(offset + 1);
  return { totalLength: Number(total), crc: b.readUInt32BE(offset + 9) };
}

/** The format version of a header that decodeHeader has accepted. */
export function headerVersion(b: Buffer): number {
  return b[4];
}

/**
 * The unit the stages pass around: what the coding stage makes and the
 * decoding stage takes. A header's version is the one it was read with
 * (written headers are always FORMAT_VERSION).
 */
export type ContainerRecord =
  | { kind: 'header'; params: StreamParams; version: number }
  | { kind: 'frame'; type: number; rawLength: number; crc: number; payload: Buffer }
  | { kind: 'end'; totalLength: number; crc: number }
  /** Input after the last complete stream that is not one (reader mode 'report'); `offset` is where it began. */
  | { kind: 'trailing'; offset: number; data: Buffer };

export function serializeRecord(r: ContainerRecord): Buffer[] {
  switch (r.kind) {
    case 'header':
      return [encodeHeader(r.params)];
    case 'frame':
      return [encodeFrameHeader(r.type, r.rawLength, r.payload.length, r.crc), r.payload];
    case 'end':
      return [encodeEndRecord(r.totalLength, r.crc)];
    case 'trailing':
      return [r.data];
  }
}
