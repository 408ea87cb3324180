/**
 * Builds nnzip streams record by record, for tests that need streams no
 * encoder would write (damaged, reordered, or crafted to attack the decoder),
 * and takes valid ones apart with the container reader (the one parser).
 */
import { encodeEndRecord, encodeFrameHeader, encodeHeader } from '../../src/format/container';
import type { ContainerRecord, StreamParams } from '../../src/format/container';
import { ContainerReader } from '../../src/format/reader';

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

/** A record of a walked stream, with where it starts in the input and its size there. */
export interface WalkedRecord {
  record: ContainerRecord;
  at: number;
  size: number;
}

/** The records of one or more concatenated streams, by the container reader itself (payloads skipped). */
export function walk(b: Buffer): WalkedRecord[] {
  const out: WalkedRecord[] = [];
  const reader = new ContainerReader(() => null, { skipPayloads: true, trailing: 'report' });
  reader.push(b, (record, at, size) => out.push({ record, at, size }));
  return out;
}

/** A single stream cut into its records: the header, each frame (header + payload), the end record. */
export function splitStream(b: Buffer): { header: Buffer; frames: Buffer[]; end: Buffer } {
  const parts = walk(b).map((w) => ({ kind: w.record.kind, bytes: b.subarray(w.at, w.at + w.size) }));
  return {
    header: parts[0].bytes,
    frames: parts.filter((p) => p.kind === 'frame').map((p) => p.bytes),
    end: parts.find((p) => p.kind === 'end')!.bytes,
  };
}
