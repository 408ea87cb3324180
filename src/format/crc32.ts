/**
 * CRC-32 (ISO-HDLC, as zlib computes it): node:zlib's native one where the
 * host has it, else our own table-driven one (browsers; Node before 20.16).
 * Both give the same value for every input (test/browser/crc32.test.ts
 * compares them on random inputs and chained calls).
 */
import { nodeBuiltin } from './host';

/** The running CRC-32 of `data` after `value` (the CRC of the bytes before it; 0 to start), unsigned. */
export type Crc32 = (data: Uint8Array, value?: number) => number;

/** TABLE[n] = the CRC register after shifting byte n through it (reflected polynomial 0xEDB88320). */
const TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** The table-driven CRC-32, one byte per step (fast enough: decoding runs at a few MB/s, this at hundreds). */
export const crc32Table: Crc32 = (data, value = 0) => {
  let c = ~value;
  for (let i = 0; i < data.length; i++) c = TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
};

/** CRC-32 of `data` continuing from `value`: zlib's where available. */
export const crc32: Crc32 = nodeBuiltin<{ crc32?: Crc32 }>('node:zlib')?.crc32 ?? crc32Table;
