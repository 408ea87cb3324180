/**
 * Builds nnzip streams record by record, for tests that need streams no
 * encoder would write (damaged, reordered, or crafted to attack the decoder).
 */
import { encodeEndRecord, encodeFrameHeader, encodeHeader, FRAME_END, HEADER_SIZE } from '../../src/format/container';
import type { StreamParams } from '../../src/format/container';

/** A stream header of any version (the encoder writes only the current one). */
export function header(p: StreamParams, version: number): Buffer {
  return encodeHeader(p, version);
}

export function frame(type: number, rawLength: number, payload: Buffer, crc: number): Buffer {
  return Buffer.concat([encodeFrameHeader(type, rawLength, payload.length, crc), payload]);
}

export function end(totalLength: number, crc: number): Buffer {
  return encodeEndRecord(totalLength, crc);
}

/** A stream cut into its records: the header, each frame (header + payload), the end record. */
export function splitStream(b: Buffer): { header: Buffer; frames: Buffer[]; end: Buffer } {
  const frames: Buffer[] = [];
  let o = HEADER_SIZE;
  while (b[o] !== FRAME_END) {
    const n = 13 + b.readUInt32BE(o + 5);
    frames.push(b.subarray(o, o + n));
    o += n;
  }
  return { header: b.subarray(0, HEADER_SIZE), frames, end: b.subarray(o, o + 13) };
}
