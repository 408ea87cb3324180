/**
 * How surprising a line is, from its cost in bits. The raw cost would rank
 * the start of a file first (the model knows nothing yet) and long lines
 * first (more bytes, more bits), so the score compares a line with what a
 * line like it costs at this point of the input:
 *
 *   expected bits/byte  = the running mean of its template's lines (the line
 *                         with every token holding a digit masked), shrunk
 *                         towards the running mean of all lines while the
 *                         template has been seen only a few times (a line of
 *                         a new template is compared with the average line)
 *   score               = (bits - bytes × expected) / sqrt(bytes)
 *
 * The excess bits over sqrt(bytes) is a z-score if byte costs vary
 * independently: a long line is not ahead for being long, only for costing
 * more per byte than its kind over many bytes. Both means start from 8
 * bits/byte (an untrained model) and follow the input (exponential means
 * after the first lines), so the early, expensive lines are compared with
 * the early cost of lines.
 */

/** The running means weigh the last ~GLOBAL_SPAN lines / ~TEMPLATE_SPAN lines of a template. */
const GLOBAL_SPAN = 64;
const TEMPLATE_SPAN = 16;
/** Pseudo-count of the global mean in a template's expectation (Bayesian shrinkage). */
const SHRINK = 2;
/**
 * Up to this many bytes a line's excess counts as evidence (over sqrt(bytes));
 * beyond, only its excess per byte does: the running means are estimates,
 * and their error, times a long line's length, would rank long lines first.
 */
const EVIDENCE_BYTES = 256;
/** What a byte costs an untrained model. */
const PRIOR_BPB = 8;
/** Templates remembered (bounded memory; the oldest is forgotten first). */
const MAX_TEMPLATES = 8192;
/** Tokens and bytes of a line that make its template. */
const TEMPLATE_TOKENS = 12;
const TEMPLATE_BYTES = 256;

/** Running means of bits per byte, digits apart (ids and counters cost more per byte than text, whatever the line). */
class Means {
  text: number;
  digits: number;
  textCount: number;
  digitCount: number;

  constructor(text: number, digits: number, count: number) {
    this.text = text;
    this.digits = digits;
    this.textCount = count;
    this.digitCount = count;
  }

  learn(textBits: number, textBytes: number, digitBits: number, digitBytes: number, span: number): void {
    if (textBytes > 0) {
      this.textCount++;
      this.text += (textBits / textBytes - this.text) / Math.min(this.textCount, span);
    }
    if (digitBytes > 0) {
      this.digitCount++;
      this.digits += (digitBits / digitBytes - this.digits) / Math.min(this.digitCount, span);
    }
  }
}

/** The template key of a line: its first tokens, those holding a digit (numbers, ids, hex, times) masked. */
export function templateKey(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  let tokens = 0;
  let i = start;
  const stop = Math.min(end, start + TEMPLATE_BYTES);
  while (i < stop && tokens < TEMPLATE_TOKENS) {
    const c = b[i];
    if (isWordByte(c)) {
      let j = i;
      let digit = false;
      let wh = 0x9e3779b9;
      while (j < stop && isWordByte(b[j])) {
        const d = b[j];
        if (d >= 0x30 && d <= 0x39) digit = true;
        wh = Math.imul(wh ^ d, 0x01000193);
        j++;
      }
      h = Math.imul(h ^ (digit ? 0x23 : wh), 0x01000193);
      tokens++;
      i = j;
    } else {
      // Punctuation is part of the shape; spaces only separate.
      if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) h = Math.imul(h ^ (c | 0x100), 0x01000193);
      i++;
    }
  }
  return h >>> 0;
}

function isWordByte(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c >= 0x80;
}

export class SurpriseScorer {
  private readonly global = new Means(PRIOR_BPB, PRIOR_BPB, 1);
  private readonly templates = new Map<number, Means>();

  /**
   * Scores a line of `bytes` bytes that cost `bits`, of which `digitBytes`
   * digits cost `digitBits`; then learns from it.
   */
  score(key: number, bits: number, bytes: number, digitBits: number, digitBytes: number): number {
    if (bytes === 0) return 0;
    const g = this.global;
    let t = this.templates.get(key);
    let text = g.text;
    let digits = g.digits;
    if (t !== undefined) {
      const kt = Math.min(t.textCount, TEMPLATE_SPAN);
      const kd = Math.min(t.digitCount, TEMPLATE_SPAN);
      text = (kt * t.text + SHRINK * g.text) / (kt + SHRINK);
      digits = (kd * t.digits + SHRINK * g.digits) / (kd + SHRINK);
    }
    const textBytes = bytes - digitBytes;
    const textBits = bits - digitBits;
    const expected = textBytes * text + digitBytes * digits;
    const score = (bits - expected) / (bytes <= EVIDENCE_BYTES ? Math.sqrt(bytes) : bytes / Math.sqrt(EVIDENCE_BYTES));

    g.learn(textBits, textBytes, digitBits, digitBytes, GLOBAL_SPAN);
    if (t === undefined) {
      if (this.templates.size >= MAX_TEMPLATES) this.templates.delete(this.templates.keys().next().value as number);
      // A template's means start from the global ones, counted as nothing.
      t = new Means(g.text, g.digits, 0);
      this.templates.set(key, t);
    }
    t.learn(textBits, textBytes, digitBits, digitBytes, TEMPLATE_SPAN);
    return score;
  }
}
