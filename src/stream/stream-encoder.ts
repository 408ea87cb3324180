/**
 * The compressor's state for one stream: the frame encoder (model + coder)
 * and the running length and CRC-32 of the original bytes, which bind each
 * frame to its place (format version 2) and go into the end record. It
 * speaks in container records, which the framing stage serialises.
 */
import { crc32 } from 'node:zlib';
import { FrameEncoder } from '../coder/frame-codec';
import { FORMAT_VERSION } from '../format/container';
import type { ContainerRecord, StreamParams } from '../format/container';

export class StreamEncoder {
  private readonly params: StreamParams;
  private readonly encoder: FrameEncoder;
  private total = 0;
  private crc = 0;

  constructor(params: StreamParams) {
    this.params = params;
    this.encoder = new FrameEncoder(params);
  }

  header(): ContainerRecord {
    return { kind: 'header', params: this.params, version: FORMAT_VERSION };
  }

  /** Codes the next slice of the current frame. */
  write(data: Uint8Array): void {
    this.encoder.write(data);
    this.total += data.length;
    this.crc = crc32(data, this.crc);
  }

  /** Ends the current frame; its check is the running CRC-32 through its last byte. */
  finishFrame(): ContainerRecord {
    return { kind: 'frame', ...this.encoder.finish(), crc: this.crc };
  }

  end(): ContainerRecord {
    return { kind: 'end', totalLength: this.total, crc: this.crc };
  }
}
