/** Cheap integer mixing of up to three values into 32 bits (Math.imul: exact on every machine). */
export function hash3(a: number, b: number, c: number): number {
  let h = Math.imul(a, 0x9e3779b1) ^ Math.imul(b + 0x7f4a7c15, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 15) ^ Math.imul(c + 0x2545f491, 0xc2b2ae35), 0x27d4eb2f);
  return h ^ (h >>> 13);
}

/** One step of a running hash of a sequence (a token, a word, a line's shape): h taking in x. */
export function mixIn(h: number, x: number): number {
  return (Math.imul(h ^ x, 0x2f0f3c6b) + 0x61c88647) | 0;
}
