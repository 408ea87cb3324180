/**
 * The model's view of an input, line by line (issue 14): each line's cost is
 * the bits the model spends on it when it compresses the input, measured on
 * the one coding routine (codeNext, src/coder/code-byte.ts) with a channel
 * that counts instead of coding (cost.ts), over a Predictor built as the
 * frame codec builds one. The input is cut into sentences exactly as the
 * compressor cuts it (src/format/sentence.ts) and each sentence is coded as
 * a whole (a run never crosses a sentence end), so the model meets the same
 * decisions as when compressing one block, whatever the chunks.
 *
 * Memory is bounded whatever the input's size: the model, one sentence, the
 * N best lines (a heap) and, for the HTML report, a few lines of context
 * around each and a learning curve of at most MAX_POINTS points.
 */
import { codeNext } from '../coder/code-byte';
import { LINE_FEED, MAX_SENTENCE } from '../format/sentence';
import { Predictor } from '../model/predictor';
import { DEFAULT_LEVEL, MODEL_ID, presetFor } from '../model/presets';
import { CostChannel } from './cost';
import { escapeLine } from './escape';
import { SurpriseScorer, templateKey } from './score';

export interface ExplainOptions {
  /** How many lines to return, most surprising first (default 20). */
  top?: number;
  /** The model's level, 1-9 (default 6). A .nnz input is read with its own stream's model. */
  level?: number;
  /** log2 of the model's hashed table (default: the level's, as the compressor without a size hint). */
  tableBits?: number;
  /** A row's text is cut to this many characters (default 200). */
  width?: number;
  /** Lines of context kept around each top line, for the HTML report (default 0: none). */
  context?: number;
}

/** One of the most surprising lines. */
export interface ExplainRow {
  /** Line number, from 1. */
  line: number;
  /** Byte offset of the line's start in the (uncompressed) input. */
  offset: number;
  /** Bits the model spent on the line, its line feed included. */
  bits: number;
  bitsPerByte: number;
  /** The surprise (score.ts): excess bits over what a line like it costs here, per sqrt(byte). */
  score: number;
  /** The line, escaped and cut (escape.ts). */
  text: string;
}

/** A line as the report shows it: its first bytes and what each cost. */
export interface ReportLine {
  line: number;
  offset: number;
  bytes: number;
  bits: number;
  score: number;
  /** The line's first bytes (at most HEAD_BYTES). */
  head: Uint8Array;
  /** Bits of each byte of `head` (a run decision's cost is spread over its bytes). */
  costs: Float32Array;
}

export interface ExplainReport {
  rows: ExplainRow[];
  /** Lines and bytes read, bits the model spent on them. */
  lines: number;
  bytes: number;
  bits: number;
  /** The model: id, level, table size. */
  modelId: number;
  level: number;
  tableBits: number;
  /** The learning curve: bits per byte over spans of the input, each ending at `end[k]`. */
  curve: { end: number[]; bitsPerByte: number[] };
  /** With `context`: the top lines and their context lines, in input order, each once. */
  shown: ReportLine[];
}

/** Bytes of a line kept for its row and its shading. */
export const HEAD_BYTES = 2048;
const MAX_POINTS = 512;

interface Entry {
  score: number;
  report: ReportLine;
  before: ReportLine[];
  after: ReportLine[];
  inHeap: boolean;
}

/** Lower = less surprising; on equal scores the later line gives way. */
function below(a: Entry, b: Entry): boolean {
  return a.score < b.score || (a.score === b.score && a.report.line > b.report.line);
}

export class Explainer {
  readonly top: number;
  private readonly width: number;
  private readonly context: number;
  level: number;
  tableBits: number;
  modelId = MODEL_ID;
  private model: Predictor | null = null;
  private readonly channel = new CostChannel();
  private readonly scorer = new SurpriseScorer();

  /** A sentence cut by a chunk's end, completed by the next chunks. */
  private readonly pending = new Uint8Array(MAX_SENTENCE);
  private pendingLen = 0;

  // The current line: it may span sentences (over 64 KiB).
  private lineNo = 1;
  private lineOffset = 0;
  private lineBits = 0;
  private lineBytes = 0;
  private lineDigitBits = 0;
  private lineDigitBytes = 0;
  /** The line's head when it spans sentences (else a view of the sentence is used). */
  private readonly headCopy = new Uint8Array(HEAD_BYTES);
  private headLen = 0;
  private readonly lineCosts: Float32Array | null;

  private offset = 0;
  private totalBits = 0;
  private readonly heap: Entry[] = [];
  /** The last `context` lines (with context only). */
  private readonly recent: ReportLine[] = [];
  /** Top lines still waiting for their lines after. */
  private open: Entry[] = [];

  // The learning curve: points of about `pointBytes` bytes, halved in number when full.
  private pointBytes = 4096;
  private readonly curveEnd: number[] = [];
  private readonly curveBits: number[] = [];
  private readonly curveBytes: number[] = [];

  constructor(options: ExplainOptions = {}) {
    this.top = positiveInt('top', options.top ?? 20);
    this.width = positiveInt('width', options.width ?? 200);
    this.context = options.context ?? 0;
    this.level = options.level ?? DEFAULT_LEVEL;
    this.tableBits = options.tableBits ?? presetFor(this.level).tableBits;
    this.lineCosts = this.context > 0 ? new Float32Array(HEAD_BYTES) : null;
  }

  /** The model to use (a .nnz stream's, from its header), before the first byte. */
  useModel(modelId: number, level: number, tableBits: number): void {
    if (this.model !== null) throw new Error('useModel after the first byte');
    this.modelId = modelId;
    this.level = level;
    this.tableBits = tableBits;
  }

  /** Takes the next bytes of the input. */
  push(chunk: Uint8Array): void {
    const n = chunk.length;
    let s = 0;
    while (s < n) {
      if (this.pendingLen > 0) {
        const stop = Math.min(n, s + MAX_SENTENCE - this.pendingLen);
        const lf = chunk.indexOf(LINE_FEED, s);
        const e = lf >= 0 && lf < stop ? lf + 1 : stop;
        this.pending.set(chunk.subarray(s, e), this.pendingLen);
        this.pendingLen += e - s;
        s = e;
        if (this.pending[this.pendingLen - 1] === LINE_FEED || this.pendingLen === MAX_SENTENCE) {
          const length = this.pendingLen;
          this.pendingLen = 0;
          this.codeSentence(this.pending, 0, length);
        }
        continue;
      }
      const stop = Math.min(n, s + MAX_SENTENCE);
      const lf = chunk.indexOf(LINE_FEED, s);
      if (lf >= 0 && lf < stop) {
        this.codeSentence(chunk, s, lf + 1);
        s = lf + 1;
      } else if (stop - s === MAX_SENTENCE) {
        this.codeSentence(chunk, s, stop);
        s = stop;
      } else {
        this.pending.set(chunk.subarray(s, n));
        this.pendingLen = n - s;
        s = n;
      }
    }
  }

  /** Ends the input; returns the report. */
  end(): ExplainReport {
    if (this.pendingLen > 0) {
      const length = this.pendingLen;
      this.pendingLen = 0;
      this.codeSentence(this.pending, 0, length);
    }
    if (this.lineBytes > 0) this.finishLine(this.headCopy, this.headLen);
    if (this.model !== null) {
      this.model.retire();
      this.model = null;
    }
    const entries = [...this.heap].sort((a, b) => (below(a, b) ? 1 : below(b, a) ? -1 : 0));
    const rows = entries.map((e) => this.row(e.report));
    const shown = new Map<number, ReportLine>();
    for (const e of entries) for (const l of [...e.before, e.report, ...e.after]) shown.set(l.line, l);
    const curve = { end: [...this.curveEnd], bitsPerByte: this.curveBits.map((b, k) => b / this.curveBytes[k]) };
    return {
      rows,
      lines: this.offset === 0 ? 0 : this.lineNo - 1,
      bytes: this.offset,
      bits: this.totalBits,
      modelId: this.modelId,
      level: this.level,
      tableBits: this.tableBits,
      curve,
      shown: this.context > 0 ? [...shown.values()].sort((a, b) => a.line - b.line) : [],
    };
  }

  private row(r: ReportLine): ExplainRow {
    return {
      line: r.line,
      offset: r.offset,
      bits: r.bits,
      bitsPerByte: r.bits / r.bytes,
      score: r.score,
      text: escapeLine(r.head, 0, r.head.length, this.width, r.bytes > r.head.length),
    };
  }

  private codeSentence(buf: Uint8Array, s: number, e: number): void {
    const m = (this.model ??= new Predictor(presetFor(this.level, this.tableBits, this.modelId)));
    const ch = this.channel;
    ch.bits = 0;
    let i = s;
    const costs = this.lineCosts;
    // Digits apart (score.ts); a run of bytes counts as its first byte's kind.
    let digitBits = 0;
    let digitBytes = 0;
    if (costs === null) {
      while (i < e) {
        const c = buf[i];
        if (c >= 0x30 && c <= 0x39) {
          const before = ch.bits;
          const n = codeNext(m, ch, buf, i, e, false);
          digitBits += ch.bits - before;
          digitBytes += n;
          i += n;
        } else {
          i += codeNext(m, ch, buf, i, e, false);
        }
      }
    } else {
      // Each byte's cost; a run decision's is shared by its bytes.
      let at = this.lineBytes;
      while (i < e) {
        const c = buf[i];
        const before = ch.bits;
        const n = codeNext(m, ch, buf, i, e, false);
        const cost = ch.bits - before;
        if (c >= 0x30 && c <= 0x39) {
          digitBits += cost;
          digitBytes += n;
        }
        const each = cost / n;
        for (let k = 0; k < n && at < HEAD_BYTES; k++) costs[at++] = each;
        i += n;
      }
    }
    this.lineDigitBits += digitBits;
    this.lineDigitBytes += digitBytes;
    const bits = ch.bits;
    const length = e - s;
    this.addToCurve(length, bits);
    if (this.lineBytes === 0) this.lineOffset = this.offset;
    const ends = buf[e - 1] === LINE_FEED;
    if (this.lineBytes < HEAD_BYTES && !(ends && this.lineBytes === 0)) {
      // The line spans sentences: keep its head.
      const take = Math.min(HEAD_BYTES - this.lineBytes, length);
      this.headCopy.set(buf.subarray(s, s + take), this.lineBytes);
      this.headLen = this.lineBytes + take;
    }
    this.lineBits += bits;
    this.lineBytes += length;
    this.offset += length;
    this.totalBits += bits;
    if (ends) {
      if (this.headLen > 0) this.finishLine(this.headCopy, this.headLen);
      else this.finishLine(buf.subarray(s, Math.min(e, s + HEAD_BYTES)), Math.min(length, HEAD_BYTES));
    }
  }

  private finishLine(head: Uint8Array, headLen: number): void {
    const bits = this.lineBits;
    const bytes = this.lineBytes;
    const score = this.scorer.score(templateKey(head, 0, headLen), bits, bytes, this.lineDigitBits, this.lineDigitBytes);
    this.lineDigitBits = 0;
    this.lineDigitBytes = 0;
    const line = this.lineNo++;
    const offset = this.lineOffset;
    this.lineBits = 0;
    this.lineBytes = 0;
    this.headLen = 0;

    const heap = this.heap;
    const wanted = heap.length < this.top || score > heap[0].score;
    if (this.context === 0) {
      if (wanted) this.enter({ score, report: this.reportLine(line, offset, bytes, bits, score, head, headLen), before: [], after: [], inHeap: true });
      return;
    }
    const report = this.reportLine(line, offset, bytes, bits, score, head, headLen);
    if (this.open.length > 0) {
      for (const e of this.open) if (e.inHeap && e.after.length < this.context) e.after.push(report);
      this.open = this.open.filter((e) => e.inHeap && e.after.length < this.context);
    }
    if (wanted) {
      const entry: Entry = { score, report, before: [...this.recent], after: [], inHeap: true };
      this.enter(entry);
      this.open.push(entry);
    }
    this.recent.push(report);
    if (this.recent.length > this.context) this.recent.shift();
  }

  private reportLine(line: number, offset: number, bytes: number, bits: number, score: number, head: Uint8Array, headLen: number): ReportLine {
    const costs = this.lineCosts === null ? new Float32Array(0) : this.lineCosts.slice(0, headLen);
    return { line, offset, bytes, bits, score, head: head.slice(0, headLen), costs };
  }

  /** Into the heap of the best `top`, pushing out the least surprising when full. */
  private enter(e: Entry): void {
    const h = this.heap;
    if (h.length < this.top) {
      h.push(e);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!below(h[i], h[p])) break;
        [h[i], h[p]] = [h[p], h[i]];
        i = p;
      }
      return;
    }
    h[0].inHeap = false;
    h[0] = e;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && below(h[l], h[m])) m = l;
      if (r < h.length && below(h[r], h[m])) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m], h[i]];
      i = m;
    }
  }

  private addToCurve(bytes: number, bits: number): void {
    const k = this.curveEnd.length - 1;
    if (k >= 0 && this.curveBytes[k] < this.pointBytes) {
      this.curveBytes[k] += bytes;
      this.curveBits[k] += bits;
      this.curveEnd[k] += bytes;
      return;
    }
    if (this.curveEnd.length === MAX_POINTS) {
      // Full: merge neighbours, and make points twice as long.
      for (let j = 0; j < MAX_POINTS / 2; j++) {
        this.curveEnd[j] = this.curveEnd[2 * j + 1];
        this.curveBits[j] = this.curveBits[2 * j] + this.curveBits[2 * j + 1];
        this.curveBytes[j] = this.curveBytes[2 * j] + this.curveBytes[2 * j + 1];
      }
      this.curveEnd.length = this.curveBits.length = this.curveBytes.length = MAX_POINTS / 2;
      this.pointBytes *= 2;
    }
    this.curveEnd.push(this.offset + bytes);
    this.curveBits.push(bits);
    this.curveBytes.push(bytes);
  }
}

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`explain: ${name} must be a positive integer (got ${v})`);
  return v;
}
