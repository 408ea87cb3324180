// Realistic counter words for the kernel's part tests: generated log lines
// then random bytes, bit by bit, with one counter per context of several
// orders (as the context table gives the network and the count maps).
import { syslogLines } from '../../bench/gen';
import { counterNext } from '../../src/model/counter';

/** Log lines (about 3/4 of `bytes`), then random bytes. */
export function sampleBytes(bytes: number, seed: number): Uint8Array {
  const out = new Uint8Array(bytes);
  const gen = syslogLines(seed);
  const logPart = Math.floor((bytes * 3) / 4);
  let n = 0;
  while (n < logPart) {
    for (const c of Buffer.from(gen() + '\n')) {
      if (n >= logPart) break;
      out[n++] = c;
    }
  }
  let s = seed >>> 0 || 1;
  for (; n < bytes; n++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    out[n] = s & 255;
  }
  return out;
}

/** One step of the stream: the bit about to be coded and the contexts' counters before it. */
export interface CounterStep {
  bit: number;
  /** The partial byte (1..255) and the bit position (0..7). */
  c0: number;
  bitPos: number;
  /** The byte position in the stream. */
  pos: number;
  /** counters[i]: context i's counter word (unsigned). */
  counters: Uint32Array;
}

/**
 * Calls `step` for every bit of `data` with `contexts` counters, context i
 * hashing the last i bytes (order i; order 0 for i = 0) with c0; each counter then learns the bit.
 */
export function counterSteps(data: Uint8Array, contexts: number, step: (s: CounterStep) => void): void {
  const bits = 16;
  const tables = Array.from({ length: contexts }, () => new Uint32Array(1 << bits));
  const slots = new Int32Array(contexts);
  const counters = new Uint32Array(contexts);
  const s: CounterStep = { bit: 0, c0: 1, bitPos: 0, pos: 0, counters };
  for (let pos = 0; pos < data.length; pos++) {
    const byte = data[pos];
    let c0 = 1;
    for (let bitPos = 0; bitPos < 8; bitPos++) {
      const bit = (byte >> (7 - bitPos)) & 1;
      for (let i = 0; i < contexts; i++) {
        let h = Math.imul(i + 1, 0x9e3779b1) ^ c0;
        for (let j = 1; j <= i && j <= pos; j++) h = Math.imul(h ^ data[pos - j], 0x85ebca6b) >>> 0;
        const slot = (h ^ (h >>> 15)) & ((1 << bits) - 1);
        slots[i] = slot;
        counters[i] = tables[i][slot];
      }
      s.bit = bit;
      s.c0 = c0;
      s.bitPos = bitPos;
      s.pos = pos;
      step(s);
      for (let i = 0; i < contexts; i++) tables[i][slots[i]] = counterNext(tables[i][slots[i]], bit, 127);
      c0 = (c0 << 1) | bit;
    }
  }
}
