/**
 * Where the predictor and the range coder meet: one tight loop per frame,
 * bit by bit (predict, code, update). The model is never reset between
 * frames: it keeps learning across the whole stream. Frames are coded in
 * slices so that callers can yield to the event loop between them.
 */
import { crc32 } from 'node:zlib';
import { FRAME_CODED, FRAME_STORED } from '../format/container';
import { ErrorCode, NnzipError } from '../format/errors';
import { Predictor } from '../model/predictor';
import { presetFor } from '../model/presets';
import { RangeDecoder, RangeEncoder } from './range-coder';
import type { StreamParams } from '../format/container';

export interface CodedFrame {
  type: number;
  rawLength: number;
  crc: number;
  payload: Buffer;
}

function createPredictor(params: StreamParams): Predictor {
  return new Predictor(presetFor(params.level, params.tableBits, params.modelId));
}

export class FrameEncoder {
  private readonly model: Predictor;
  private readonly coder = new RangeEncoder();
  private rawLength = 0;
  private crc = 0;
  private parts: Uint8Array[] = [];

  constructor(params: StreamParams) {
    this.model = createPredictor(params);
  }

  /** Codes the next slice of the current frame. */
  write(data: Uint8Array): void {
    const m = this.model;
    const e = this.coder;
    for (let i = 0; i < data.length; i++) {
      const c = data[i];
      const guess = m.expected();
      if (guess >= 0) {
        const hit = c === guess ? 1 : 0;
        e.encode(hit, m.predictHit());
        m.updateHit(hit);
        if (hit) continue;
      }
      for (let b = 7; b >= 0; b--) {
        const bit = (c >> b) & 1;
        e.encode(bit, m.predict());
        m.update(bit);
      }
    }
    this.rawLength += data.length;
    this.crc = crc32(data, this.crc);
    this.parts.push(data);
  }

  /** Ends the frame. A frame that coding would not shrink is stored raw. */
  finish(): CodedFrame {
    const coded = this.coder.finish();
    // Both payloads are copies: the coder reuses its buffer, and the raw parts
    // may be views of the caller's chunks.
    const frame: CodedFrame =
      coded.length < this.rawLength
        ? { type: FRAME_CODED, rawLength: this.rawLength, crc: this.crc, payload: Buffer.from(coded) }
        : { type: FRAME_STORED, rawLength: this.rawLength, crc: this.crc, payload: Buffer.concat(this.parts) };
    this.coder.reset();
    this.rawLength = 0;
    this.crc = 0;
    this.parts = [];
    return frame;
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
    if (this.type === FRAME_CODED) {
      const d = this.coder;
      for (let i = this.done; i < end; i++) {
        const guess = m.expected();
        if (guess >= 0) {
          const hit = d.decode(m.predictHit());
          m.updateHit(hit);
          if (hit) {
            out[i] = guess;
            continue;
          }
        }
        let c = 0;
        for (let b = 0; b < 8; b++) {
          const bit = d.decode(m.predict());
          m.update(bit);
          c = (c << 1) | bit;
        }
        out[i] = c;
        // A valid payload is never read more than 3 bytes past its end; a damaged
        // length would otherwise decode up to MAX_FRAME_RAW bytes of garbage first.
        if (d.overrun > 4) throw new NnzipError(ErrorCode.CORRUPT, `corrupt frame: coded data ends before byte ${i + 1} of ${out.length}`);
      }
    } else {
      // Stored: the bytes are given, but the model must still learn them.
      const src = this.payload;
      for (let i = this.done; i < end; i++) {
        out[i] = src[i];
        m.learnByte(src[i]);
      }
    }
    this.done = end;
    return end === out.length;
  }

  /** The decoded frame, once step() has returned true. */
  result(): Buffer {
    return this.out;
  }
}
