/**
 * A frame's worth of coding: the predictor and the range coder meet in the
 * one coding routine (code-byte.ts), byte by byte. The model is never reset
 * between frames: it keeps learning across the whole stream. Frames are
 * coded in slices so that callers can yield to the event loop between them;
 * each side holds the whole frame, so a run decision (model 3) sees its
 * bytes up to the frame's end wherever a slice ends: the output depends on
 * the data and the options only.
 */
import { allocBytes } from '../format/bytes';
import { FRAME_CODED } from '../format/container';
import { Predictor } from '../model/predictor';
import { MODEL_ID, presetFor } from '../model/presets';
import { nodeBuiltin } from '../format/host';
import { codeSpan, KNOWN_BITS, SPAN_BYTES } from './code-byte';
import type { BitChannel, CodingModel } from './code-byte';
import { RangeDecoder, RangeEncoder } from './range-coder';
import type { StreamParams } from '../format/container';

/**
 * What a frame codec drives: a model and its range coders, coding a frame
 * a span at a time. In JavaScript (JsFrameModel: the Predictor and
 * range-coder.ts, met in code-byte.ts) or in the kernel (kernel.ts
 * KernelFrameModel: the same routine, one call per span). `length` is the
 * frame's: a run decision may cover bytes up to it, past `end`.
 */
export interface FrameModel {
  /** Learns buf[i..end) as known bytes (stored frames, the prime); returns where it stopped. */
  learn(buf: Uint8Array, i: number, end: number, length: number): number;
  encodeStart(): void;
  /** Codes frame[i..end); returns where it stopped. */
  encode(frame: Uint8Array, i: number, end: number, length: number): number;
  /** Ends the frame's code; returns its payload (a copy). */
  encodeFinish(): Buffer;
  decodeStart(payload: Uint8Array): void;
  /** Decodes out[i..end) (ERR_NNZIP_CORRUPT, with the byte, when the payload gives out); returns where it stopped. */
  decode(out: Uint8Array, i: number, end: number, length: number): number;
  /** Ends this model's use: its tables (or memory) go to the next model made. */
  retire(): void;
}

/**
 * Every level of model 3 with its full table runs on the WebAssembly kernel
 * (src/coder/kernel.ts): the same bytes (test/kernel) in about 0.5-0.6 of
 * the CPU time. NNZIP_KERNEL=0 keeps the JavaScript predictor, the
 * reference (and the path of models 1-2 and of smaller tables).
 */
function kernelWanted(params: StreamParams): boolean {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  // (Each level has its kernel predictor, src/kernel/predictor*.ts; a header's level is checked to be 1-9 before a model is made.)
  if (env?.NNZIP_KERNEL === '0' || params.modelId !== MODEL_ID) return false;
  // (The kernel's file is read with node:fs: a host without it, such as the browser bundle, keeps
  // JavaScript; so does a Node without WebAssembly, e.g. run with --jitless: the same bytes, slower.)
  if (typeof (globalThis as { WebAssembly?: unknown }).WebAssembly !== 'object') return false;
  return params.tableBits === presetFor(params.level).tableBits && nodeBuiltin('node:fs') !== undefined;
}

function createModel(params: StreamParams): FrameModel {
  if (kernelWanted(params)) return new (require('./kernel') as typeof import('./kernel')).KernelFrameModel(params.level);
  return new JsFrameModel(new Predictor(presetFor(params.level, params.tableBits, params.modelId)));
}

/** Codes buf[i..end) a span at a time (code-byte.ts codeSpan); returns where it stopped. */
function codeSpans(model: CodingModel, channel: BitChannel, buf: Uint8Array, i: number, end: number, length: number, decoding: boolean): number {
  while (i < end) i = codeSpan(model, channel, buf, i, Math.min(end, i + SPAN_BYTES), length, decoding);
  return i;
}

/** The JavaScript Predictor with range-coder.ts's coders, met in code-byte.ts. */
class JsFrameModel implements FrameModel {
  private readonly model: Predictor;
  private encoder: RangeEncoder | null = null;
  private readonly decoder = new RangeDecoder();

  constructor(model: Predictor) {
    this.model = model;
  }

  learn(buf: Uint8Array, i: number, end: number, length: number): number {
    return codeSpans(this.model, KNOWN_BITS, buf, i, end, length, false);
  }

  encodeStart(): void {
    if (this.encoder === null) this.encoder = new RangeEncoder();
    this.encoder.reset();
  }

  encode(frame: Uint8Array, i: number, end: number, length: number): number {
    return codeSpans(this.model, this.encoder!, frame, i, end, length, false);
  }

  encodeFinish(): Buffer {
    // (A copy: the coder reuses its buffer.)
    return Buffer.from(this.encoder!.finish());
  }

  decodeStart(payload: Uint8Array): void {
    this.decoder.reset(payload);
  }

  decode(out: Uint8Array, i: number, end: number, length: number): number {
    return codeSpans(this.model, this.decoder, out, i, end, length, true);
  }

  retire(): void {
    this.model.retire();
  }
}

/**
 * A block's warm start (format 3, FORMAT.md §2.4): before the block's
 * first frame, its fresh model learns the stream's first bytes (the prime)
 * as a stored frame's are learned: the same decisions, met by KNOWN_BITS,
 * nothing coded. Learned in steps, as frames are coded, so that a stage
 * can yield between them.
 */
class Primer {
  private readonly prime: Uint8Array;
  private done = 0;

  constructor(prime: Uint8Array) {
    this.prime = prime;
  }

  /** Learns about `budget` more bytes; returns the budget left (0 while unfinished) and whether it is finished. */
  step(model: FrameModel, budget: number): number {
    const prime = this.prime;
    const length = prime.length;
    const end = Math.min(length, this.done + budget);
    const i = model.learn(prime, this.done, end, length);
    budget -= i - this.done;
    this.done = i;
    return i === length ? Math.max(budget, 1) : 0;
  }
}

/** Codes a frame's bytes with the stream's model; what to write (coded or stored) is the encoder's choice. */
export class FrameEncoder {
  private readonly model: FrameModel;
  private frame: Uint8Array = new Uint8Array(0);
  private done = 0;
  private primer: Primer | null = null;

  /** A fresh model; `prime` (a block k >= 1) is learned before the first frame. */
  constructor(params: StreamParams, prime: Uint8Array | null = null) {
    this.model = createModel(params);
    if (prime !== null && prime.length > 0) this.primer = new Primer(prime);
  }

  /** Ends this coder's use (a block is done): its model's tables go to the next model built. */
  retire(): void {
    this.model.retire();
  }

  /** Starts a frame: all of its bytes, which must stay unchanged until it is finished. */
  begin(frame: Uint8Array): void {
    this.frame = frame;
    this.done = 0;
    this.model.encodeStart();
  }

  /**
   * Codes about `budget` more bytes of the frame (a run may take it up to 63
   * further, never past the frame's end); returns true when the frame is
   * all coded. Where the steps end never changes the output.
   */
  step(budget: number): boolean {
    const m = this.model;
    if (this.primer !== null) {
      budget = this.primer.step(m, budget);
      if (budget === 0) return false;
      this.primer = null;
    }
    const frame = this.frame;
    const length = frame.length;
    const end = Math.min(length, this.done + budget);
    const i = m.encode(frame, this.done, end, length);
    this.done = i;
    return i === length;
  }

  /** Ends the frame's code; returns its payload (a copy: the coder reuses its buffer). */
  finish(): Buffer {
    const coded = this.model.encodeFinish();
    this.frame = new Uint8Array(0);
    return coded;
  }
}

export class FrameDecoder {
  private readonly model: FrameModel;
  private type = FRAME_CODED;
  private payload: Uint8Array = new Uint8Array(0);
  private out: Buffer = allocBytes(0);
  private done = 0;
  private primer: Primer | null = null;

  /** A fresh model; `prime` (a block k >= 1) is learned before the first frame. */
  constructor(params: StreamParams, prime: Uint8Array | null = null) {
    this.model = createModel(params);
    if (prime !== null && prime.length > 0) this.primer = new Primer(prime);
  }

  /** Ends this decoder's use (a block or stream is done): its model's tables go to the next model built. */
  retire(): void {
    this.model.retire();
  }

  begin(type: number, payload: Uint8Array, rawLength: number, out: Buffer = allocBytes(rawLength)): void {
    this.type = type;
    this.payload = payload;
    this.out = out;
    this.done = 0;
    if (type === FRAME_CODED) this.model.decodeStart(payload);
  }

  /** Decodes about `budget` more bytes of the frame (a run may go up to 63 further, never past its end); returns true when the frame is complete. */
  step(budget: number): boolean {
    const m = this.model;
    if (this.primer !== null) {
      budget = this.primer.step(m, budget);
      if (budget === 0) return false;
      this.primer = null;
    }
    const out = this.out;
    const length = out.length;
    const end = Math.min(length, this.done + budget);
    let i: number;
    if (this.type === FRAME_CODED) {
      i = m.decode(out, this.done, end, length);
    } else {
      // Stored: the bytes are given, but the model must still learn them.
      const src = this.payload;
      i = m.learn(src, this.done, end, length);
      out.set(src.subarray(this.done, i), this.done);
    }
    this.done = i;
    return i === length;
  }

  /** The decoded frame, once step() has returned true. */
  result(): Buffer {
    return this.out;
  }
}
