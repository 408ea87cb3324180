/**
 * The codec core of compression, for one stream: the frame encoder (model +
 * coder), the choice of a coded or stored frame, and the running length and
 * CRC-32 of the original bytes, which bind each frame to its place (format
 * version 2) and go into the end record. It speaks in container records:
 * the coding stage (src/stream) and the one-call API both drive it.
 */
import { crc32 } from 'node:zlib';
import { FrameEncoder } from './frame-codec';
import { FORMAT_VERSION, FRAME_CODED, FRAME_STORED } from '../format/container';
import type { ContainerRecord, StreamParams } from '../format/container';

export class Encoder {
  private readonly params: StreamParams;
  private readonly frames: FrameEncoder;
  /** The current frame's original bytes: coded with look-ahead to its end, and kept in case it is stored. */
  private frame: Uint8Array = new Uint8Array(0);
  private total = 0;
  private crc = 0;

  constructor(params: StreamParams) {
    this.params = params;
    this.frames = new FrameEncoder(params);
  }

  header(): ContainerRecord {
    return { kind: 'header', params: this.params, version: FORMAT_VERSION };
  }

  /**
   * Starts the next frame: all of its bytes (they must stay unchanged until
   * finishFrame). Then step() codes it, in slices of any size.
   */
  beginFrame(frame: Uint8Array): void {
    this.frames.begin(frame);
    this.frame = frame;
    this.total += frame.length;
    this.crc = crc32(frame, this.crc);
  }

  /** Codes about `budget` more bytes of the frame; true when it is all coded. The slices never change the output. */
  step(budget: number): boolean {
    return this.frames.step(budget);
  }

  /** A whole frame at once: beginFrame, step to the end, finishFrame. */
  frameOf(frame: Uint8Array): ContainerRecord {
    this.beginFrame(frame);
    this.step(Infinity);
    return this.finishFrame();
  }

  /**
   * Ends the current frame: coded, or stored raw when coding would not
   * shrink it (so a stream never grows by more than its framing). Its check
   * is the running CRC-32 through its last byte.
   */
  finishFrame(): ContainerRecord {
    const coded = this.frames.finish();
    const raw = this.frame;
    const stored = coded.length >= raw.length;
    // The raw bytes may be a view of the caller's chunk: a stored payload is a copy.
    const payload = stored ? Buffer.from(raw) : coded;
    const frame: ContainerRecord = { kind: 'frame', type: stored ? FRAME_STORED : FRAME_CODED, rawLength: raw.length, crc: this.crc, payload };
    this.frame = new Uint8Array(0);
    return frame;
  }

  end(): ContainerRecord {
    return { kind: 'end', totalLength: this.total, crc: this.crc };
  }
}
