/**
 * A line's bytes as one printable row: UTF-8 decoded by hand so that each
 * invalid byte shows as \xNN (TextDecoder would turn it into U+FFFD and lose
 * it), tab and control characters escaped, the line end dropped, and a long
 * line cut with an ellipsis.
 */

/** A byte as \xNN. */
function hex(c: number): string {
  return '\\x' + c.toString(16).padStart(2, '0');
}

/** The length of the valid UTF-8 sequence at b[i], or 0. */
function sequenceLength(b: Uint8Array, i: number, end: number): number {
  const c = b[i];
  let n: number;
  let min: number;
  if (c >= 0xc2 && c <= 0xdf) (n = 2), (min = 0x80);
  else if (c >= 0xe0 && c <= 0xef) (n = 3), (min = 0x800);
  else if (c >= 0xf0 && c <= 0xf4) (n = 4), (min = 0x10000);
  else return 0;
  if (i + n > end) return 0;
  let cp = c & (0x7f >> n);
  for (let k = 1; k < n; k++) {
    const d = b[i + k];
    if ((d & 0xc0) !== 0x80) return 0;
    cp = (cp << 6) | (d & 0x3f);
  }
  if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return 0;
  return n;
}

export interface EscapedPiece {
  /** The text shown for bytes [start, start + length) of the line. */
  text: string;
  start: number;
  length: number;
}

/**
 * The line b[start, end) as pieces of text, one per character or escaped
 * byte, each with the bytes it stands for (the report shades them by their
 * cost). The line end (\n, \r\n) is left out.
 */
export function escapePieces(b: Uint8Array, start: number, end: number): EscapedPiece[] {
  if (end > start && b[end - 1] === 0x0a) end--;
  if (end > start && b[end - 1] === 0x0d) end--;
  const out: EscapedPiece[] = [];
  let i = start;
  while (i < end) {
    const c = b[i];
    if (c >= 0x20 && c < 0x7f) {
      out.push({ text: String.fromCharCode(c), start: i - start, length: 1 });
      i++;
    } else if (c === 0x09) {
      out.push({ text: '\\t', start: i - start, length: 1 });
      i++;
    } else if (c === 0x0d) {
      out.push({ text: '\\r', start: i - start, length: 1 });
      i++;
    } else if (c < 0x80) {
      out.push({ text: hex(c), start: i - start, length: 1 });
      i++;
    } else {
      const n = sequenceLength(b, i, end);
      if (n === 0) {
        out.push({ text: hex(c), start: i - start, length: 1 });
        i++;
        continue;
      }
      let cp = c & (0x7f >> n);
      for (let k = 1; k < n; k++) cp = (cp << 6) | (b[i + k] & 0x3f);
      // C1 controls and the line/paragraph separators would break a row.
      const text = (cp >= 0x80 && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029 ? `\\u{${cp.toString(16)}}` : String.fromCodePoint(cp);
      out.push({ text, start: i - start, length: n });
      i += n;
    }
  }
  return out;
}

/** The line as one printable string of at most `width` characters (an ellipsis ends a cut line, or one kept only in part: `truncated`). */
export function escapeLine(b: Uint8Array, start: number, end: number, width: number, truncated = false): string {
  const pieces = escapePieces(b, start, end);
  let total = 0;
  for (const p of pieces) total += p.text.length;
  if (total <= width && !truncated) return pieces.map((p) => p.text).join('');
  let s = '';
  let chars = 0;
  for (const p of pieces) {
    if (chars + p.text.length > width - 1) break;
    s += p.text;
    chars += p.text.length;
  }
  return s + '…';
}
