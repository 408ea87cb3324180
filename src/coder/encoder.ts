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
  /** The current frame's original bytes, kept in case it is stored. */
  private parts: Uint8Array[] = [];
  private rawLength = 0;
  private total = 0;
  private crc = 0;

  constructor(params: StreamParams) {
    this.params = params;
    this.frames = new FrameEncoder(params);
  }

  header(): ContainerRecord {
    return { kind: 'header', params: this.params, version: FORMAT_VERSION };
  }

  /** Codes the next slice of the current frame. */
  write(data: Uint8Array): void {
    this.frames.write(data);
    this.parts.push(data);
    this.rawLength += data.length;
    this.total += data.length;
    this.crc = crc32(data, this.crc);
  }

  /**
   * Ends the current frame: coded, or stored raw when coding would not
   * shrink it (so a stream never grows by more than its framing). Its check
   * is the running CRC-32 through its last byte.
   */
  finishFrame(): ContainerRecord {
    const coded = this.frames.finish();
    const stored = coded.length >= this.rawLength;
    // The raw parts may be views of the caller's chunks: a stored payload is a copy.
    const payload = stored ? Buffer.concat(this.parts) : coded;
    const frame: ContainerRecord = { kind: 'frame', type: stored ? FRAME_STORED : FRAME_CODED, rawLength: this.rawLength, crc: this.crc, payload };
    this.parts = [];
    this.rawLength = 0;
    return frame;
  }

  end(): ContainerRecord {
    return { kind: 'end', totalLength: this.total, crc: this.crc };
  }
}
