/**
 * Incremental parser of the container: bytes in, records out. It checks
 * structure (magic, version, header checksum, plausible lengths) and that the
 * input does not end in the middle of a stream; content checksums are
 * verified by the decoder, which has the decoded bytes.
 */
import {
  ContainerRecord,
  decodeEndRecord,
  decodeFrameHeader,
  decodeHeader,
  END_RECORD_SIZE,
  FRAME_CODED,
  FRAME_END,
  FRAME_HEADER_SIZE,
  FRAME_STORED,
  HEADER_SIZE,
  headerVersion,
  MAGIC,
  StreamParams,
} from './container';
import { ErrorCode, NnzipError } from './errors';

const EMPTY = Buffer.alloc(0);

type State = 'header' | 'frame' | 'payload' | 'end';

export class ContainerReader {
  private readonly supported: (p: StreamParams) => string | null;
  private chunks: Buffer[] = [];
  private available = 0;
  private state: State = 'header';
  private streams = 0;
  private inStream = false;
  private frame: { type: number; rawLength: number; crc: number; payloadLength: number } | null = null;
  /** Offset of the next unread byte in the whole input, for error messages. */
  private offset = 0;

  constructor(supported: (p: StreamParams) => string | null) {
    this.supported = supported;
  }

  push(chunk: Buffer, emit: (r: ContainerRecord) => void): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.available += chunk.length;
    for (;;) {
      const r = this.next();
      if (r === null) return;
      emit(r);
    }
  }

  /** Call at end of input: throws if it ended inside a stream or held none. */
  end(): void {
    if (this.inStream || this.available > 0) {
      throw new NnzipError(ErrorCode.TRUNCATED, `unexpected end of input at byte ${this.offset + this.available}: the stream is truncated`);
    }
    if (this.streams === 0) {
      throw new NnzipError(ErrorCode.TRUNCATED, 'unexpected end of input: the input is empty, not an nnzip stream');
    }
  }

  private next(): ContainerRecord | null {
    switch (this.state) {
      case 'header': {
        // Check the magic as soon as 4 bytes are in, so garbage fails fast.
        if (this.available < HEADER_SIZE) {
          if (this.available >= 4) decodeHeaderPrefix(this.peek(4), this.streams);
          return null;
        }
        const at = this.offset;
        const b = this.take(HEADER_SIZE);
        this.inStream = true;
        let params: StreamParams;
        try {
          decodeHeaderPrefix(b, this.streams);
          params = decodeHeader(b, this.supported);
        } catch (err) {
          if (err instanceof NnzipError && at > 0) err.message += ` (stream starting at byte ${at})`;
          throw err;
        }
        this.streams++;
        this.state = 'frame';
        return { kind: 'header', params, version: headerVersion(b) };
      }
      case 'frame': {
        if (this.available < 1) return null;
        const type = this.peek(1)[0];
        if (type === FRAME_END) {
          if (this.available < END_RECORD_SIZE) return null;
          const end = decodeEndRecord(this.take(END_RECORD_SIZE), 0);
          this.inStream = false;
          this.state = 'header';
          return { kind: 'end', ...end };
        }
        if (type !== FRAME_CODED && type !== FRAME_STORED) {
          throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: unknown frame type ${type} at byte ${this.offset}`);
        }
        if (this.available < FRAME_HEADER_SIZE) return null;
        this.frame = decodeFrameHeader(this.take(FRAME_HEADER_SIZE), 0);
        this.state = 'payload';
        return this.next();
      }
      case 'payload': {
        const f = this.frame!;
        if (this.available < f.payloadLength) return null;
        const payload = this.take(f.payloadLength);
        this.state = 'frame';
        this.frame = null;
        return { kind: 'frame', type: f.type, rawLength: f.rawLength, crc: f.crc, payload };
      }
      default:
        return null;
    }
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const all = Buffer.concat(this.chunks);
    this.chunks = [all];
    return all.subarray(0, n);
  }

  private take(n: number): Buffer {
    if (n === 0) return EMPTY; // (a coded frame may declare an empty payload; there may be no chunk left)
    let out: Buffer;
    const first = this.chunks[0];
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      const parts: Buffer[] = [];
      let need = n;
      while (need > 0) {
        const c = this.chunks[0];
        if (c.length <= need) {
          parts.push(c);
          need -= c.length;
          this.chunks.shift();
        } else {
          parts.push(c.subarray(0, need));
          this.chunks[0] = c.subarray(need);
          need = 0;
        }
      }
      out = Buffer.concat(parts, n);
    }
    this.available -= n;
    this.offset += n;
    return out;
  }
}

/** The magic check alone, with a message that says whether data follows a finished stream. */
function decodeHeaderPrefix(b: Buffer, streamsSoFar: number): void {
  if (!b.subarray(0, 4).equals(MAGIC)) {
    throw new NnzipError(
      ErrorCode.BAD_MAGIC,
      streamsSoFar === 0 ? 'not in nnzip format (bad magic number)' : 'trailing garbage after the end of the nnzip stream (bad magic number)',
    );
  }
}
