/**
 * A frame's worth of coding: the predictor and the range coder meet in the
 * one coding routine (code-byte.ts), byte by byte. The model is never reset
 * between frames: it keeps learning across the whole stream. Frames are
 * coded in slices so that callers can yield to the event loop between them.
 */
import { FRAME_CODED } from '../format/container';
import { NnzipError } from '../format/errors';
import { Predictor } from '../model/predictor';
import { presetFor } from '../model/presets';
import { codeByte, KNOWN_BITS } from './code-byte';
import { RangeDecoder, RangeEncoder } from './range-coder';
import type { StreamParams } from '../format/container';

function createPredictor(params: StreamParams): Predictor {
  return new Predictor(presetFor(params.level, params.tableBits, params.modelId));
}

/** Codes a frame's bytes with the stream's model; what to write (coded or stored) is the encoder's choice. */
export class FrameEncoder {
  private readonly model: Predictor;
  private readonly coder = new RangeEncoder();

  constructor(params: StreamParams) {
    this.model = createPredictor(params);
  }

  /** Codes the next slice of the current frame. */
  write(data: Uint8Array): void {
    const m = this.model;
    const e = this.coder;
    for (let i = 0; i < data.length; i++) codeByte(m, e, data[i]);
  }

  /** Ends the frame's code; returns its payload (a copy: the coder reuses its buffer). */
  finish(): Buffer {
    const coded = Buffer.from(this.coder.finish());
    this.coder.reset();
    return coded;
  }
}

export class FrameDecoder {
  private readonly model: Predictor;
  private readonly coder = new RangeDecoder();
  private type = FRAME_CODED;
  private payload: Uint8Array = new Uint8Array(0);
  private out: Buffer = Buffer.alloc(0);
  private done = 0;

  constructor(params: StreamParams) {
    this.model = createPredictor(params);
  }

  begin(type: number, payload: Uint8Array, rawLength: number): void {
    this.type = type;
    this.payload = payload;
    this.out = Buffer.allocUnsafe(rawLength);
    this.done = 0;
    if (type === FRAME_CODED) this.coder.reset(payload);
  }

  /** Decodes up to `budget` more bytes of the frame; returns true when the frame is complete. */
  step(budget: number): boolean {
    const m = this.model;
    const out = this.out;
    const end = Math.min(out.length, this.done + budget);
    let i = this.done;
    if (this.type === FRAME_CODED) {
      const d = this.coder;
      try {
        for (; i < end; i++) out[i] = codeByte(m, d, 0);
      } catch (err) {
        // The overrun rule (range-coder.ts): say where the payload gave out.
        if (err instanceof NnzipError) err.message += ` (at byte ${i + 1} of ${out.length})`;
        throw err;
      }
    } else {
      // Stored: the bytes are given, but the model must still learn them.
      const src = this.payload;
      for (; i < end; i++) out[i] = codeByte(m, KNOWN_BITS, src[i]);
    }
    this.done = end;
    return end === out.length;
  }

  /** The decoded frame, once step() has returned true. */
  result(): Buffer {
    return this.out;
  }
}
