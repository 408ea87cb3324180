/**
 * The one parser of the container: bytes in, records out. It checks
 * structure (magic, version, header checksum, plausible lengths) and that the
 * input does not end in the middle of a stream; content checksums are
 * verified by the decoder, which has the decoded bytes. The decoder, `-l`,
 * the progress bar's frame tally and the tests all walk streams with it.
 *
 * Each record comes with where it starts in the input and how many bytes it
 * takes. With `skipPayloads` the reader never holds a payload: it drops
 * payload bytes it is given, and tells a caller that can seek how many it
 * may skip without reading them (skippable / skipped), so `nnzip -l` on a
 * file reads only the records' headers.
 *
 * Format 3's block record and block index are handed on with the record
 * they belong to: a block record with the frame it opens (`block`), the
 * index with the end record (`index`, `intact` false when its CRC or its
 * entries do not match the stream walked): their framing is checked here
 * (a block holds at least one frame, the index lists as many blocks as
 * the stream has and comes just before the end record, whose indexLength
 * is its size), their content by whoever uses it.
 *
 * After a complete stream, zero bytes to the end of the input are padding
 * (tape blocks, preallocated files) and are ignored, as gzip and xz do. Any
 * other bytes that do not start a stream are trailing garbage: an error
 * (ERR_NNZIP_TRAILING_GARBAGE) in mode 'error', or in mode 'report' handed
 * on as 'trailing' records (from the padding's start) for the caller to
 * drop with a warning or to copy through (gzip -dcf). Bytes one byte off the
 * magic are taken for a damaged next stream, an error in every mode: a
 * damaged stream must never be dropped as garbage.
 */
import {
  BLOCK_RECORD_SIZE,
  BlockIndex,
  BlockRecord,
  BLOCKS_VERSION,
  checkMagic,
  ContainerRecord,
  decodeBlockRecord,
  decodeEndRecord,
  decodeFrameHeader,
  decodeHeader,
  decodeIndexRecord,
  END_INDEXED_SIZE,
  END_RECORD_SIZE,
  FRAME_BLOCK,
  FRAME_CODED,
  FRAME_END,
  FRAME_END_INDEXED,
  FRAME_HEADER_SIZE,
  FRAME_INDEX,
  FRAME_STORED,
  FrameHeader,
  HEADER_SIZE,
  headerVersion,
  indexCount,
  IndexEntry,
  indexRecordSize,
  MAGIC,
  MAX_PRIME_BYTES,
  StreamParams,
} from './container';
import { concatBytes, copyBytes, zeroBytes } from './bytes';
import { ErrorCode, NnzipError } from './errors';

// (No Node API here: the reader also runs in browsers, src/browser; bytes.ts gives Buffers in Node.)
const EMPTY = zeroBytes(0);

type State = 'header' | 'frame' | 'payload' | 'padding' | 'trailing';

export type TrailingMode = 'error' | 'report';

export interface ReaderOptions {
  /** What to do with bytes after a complete stream that are neither a stream nor zero padding (default 'error'). */
  trailing?: TrailingMode;
  /** Frame records come without their payloads (empty), which are never buffered. */
  skipPayloads?: boolean;
}

/** Receives each record, the offset of its first byte in the input, and its size in bytes there. */
export type RecordSink = (r: ContainerRecord, at: number, size: number) => void;

export class ContainerReader {
  private readonly supported: (p: StreamParams) => string | null;
  private readonly trailing: TrailingMode;
  private readonly skipPayloads: boolean;
  private chunks: Buffer[] = [];
  private available = 0;
  private state: State = 'header';
  private streams = 0;
  private inStream = false;
  private frame: FrameHeader | null = null;
  /** Where the record being read began (a frame's header, or the block record or index before it). */
  private recordAt = 0;
  /** The current stream's format version and first byte. */
  private version = 0;
  private streamAt = 0;
  /** Format 3: the block record read, waiting for its first frame. */
  private block: BlockRecord | null = null;
  /** Format 3: the index record read, waiting for the end record. */
  private index: (BlockIndex & { intact: boolean; size: number }) | null = null;
  /** Format 3: the blocks walked so far in this stream, as the index should list them. */
  private blocks: IndexEntry[] = [];
  /** Payload bytes of the current frame already dropped (skipPayloads). */
  private dropped = 0;
  /** Offset of the next unread byte in the whole input. */
  private offset = 0;
  /** Zero bytes seen after the last stream (padding, unless something else follows). */
  private zeros = 0;

  constructor(supported: (p: StreamParams) => string | null, options: ReaderOptions = {}) {
    this.supported = supported;
    this.trailing = options.trailing ?? 'error';
    this.skipPayloads = options.skipPayloads ?? false;
  }

  /** Bytes of input consumed so far. */
  get position(): number {
    return this.offset;
  }

  push(chunk: Buffer, emit: RecordSink): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.available += chunk.length;
    this.drain(emit);
    // What is left of the chunk waits for the next one: as a copy, for the caller may reuse
    // the chunk once this returns (a stream calls back its write then).
    if (this.available > 0) this.chunks[this.chunks.length - 1] = copyBytes(this.chunks[this.chunks.length - 1]);
  }

  /** With skipPayloads: how many bytes of input the caller may skip instead of pushing them. */
  get skippable(): number {
    return this.state === 'payload' && this.skipPayloads && this.available === 0 ? this.frame!.payloadLength - this.dropped : 0;
  }

  /** The caller skipped `n` (at most `skippable`) bytes of input. */
  skipped(n: number, emit: RecordSink): void {
    this.dropped += n;
    this.offset += n;
    this.drain(emit);
  }

  /** Call at end of input: throws if it ended inside a stream or held none. */
  end(): void {
    // (In state 'header' after a stream, what is left is a prefix of the magic: a stream cut short.)
    if (this.inStream || (this.state === 'header' && this.available > 0)) {
      throw new NnzipError(ErrorCode.TRUNCATED, `unexpected end of input at byte ${this.offset + this.available}: ${this.whereCut()}`);
    }
    if (this.streams === 0) {
      throw new NnzipError(ErrorCode.TRUNCATED, 'unexpected end of input: the input is empty, not an nnzip stream');
    }
  }

  /**
   * Says where the stream ends early: a writer that died (or a file cut
   * short) leaves a stream without its end record, and all of it up to its
   * last complete frame decodes.
   */
  private whereCut(): string {
    const why = '(truncated: no end record; its writer stopped, or the file was cut)';
    if (!this.inStream) return `the stream ends early, inside a stream header ${why}`;
    if (this.state === 'frame' && this.available === 0 && this.block === null && this.index === null) {
      return `the stream ends early, after its last complete frame ${why}`;
    }
    return `the stream ends early, inside the record at byte ${this.recordAt} ${why}`;
  }

  private drain(emit: RecordSink): void {
    for (;;) {
      const r = this.next();
      if (r === null) return;
      emit(r, this.recordAt, this.offset - this.recordAt);
    }
  }

  private next(): ContainerRecord | null {
    switch (this.state) {
      case 'header': {
        if (this.streams > 0 && this.available > 0) {
          // After a complete stream: the next one, zero padding, or garbage.
          const head = this.peek(Math.min(this.available, 4));
          if (head[0] === 0) {
            this.state = 'padding';
            return this.next();
          }
          let differ = 0;
          for (let i = 0; i < head.length; i++) if (head[i] !== MAGIC[i]) differ++;
          if (differ >= 2) return this.startTrailing();
          if (differ === 1) {
            // One byte off the magic is a damaged stream, not garbage to drop
            // or copy: whatever the trailing mode, it is an error.
            if (head.length < 4) return null;
            throw new NnzipError(ErrorCode.BAD_MAGIC, `damaged stream header at byte ${this.offset} (bad magic number)`);
          }
        }
        if (this.available < HEADER_SIZE) {
          // Check the magic as soon as 4 bytes are in, so garbage fails fast.
          if (this.available >= 4) checkMagic(this.peek(4));
          return null;
        }
        const at = this.offset;
        this.recordAt = at;
        const b = this.take(HEADER_SIZE);
        this.inStream = true;
        let params: StreamParams;
        try {
          params = decodeHeader(b, this.supported);
        } catch (err) {
          if (err instanceof NnzipError && at > 0) err.message += ` (stream starting at byte ${at})`;
          throw err;
        }
        this.streams++;
        this.state = 'frame';
        this.version = headerVersion(b);
        this.streamAt = at;
        this.block = null;
        this.index = null;
        this.blocks = [];
        return { kind: 'header', params, version: this.version };
      }
      case 'frame': {
        if (this.available < 1) return null;
        const type = this.peek(1)[0];
        const blocks = this.version >= BLOCKS_VERSION;
        if (this.block === null && this.index === null) this.recordAt = this.offset;
        if (type === FRAME_END || (blocks && type === FRAME_END_INDEXED)) {
          const size = type === FRAME_END ? END_RECORD_SIZE : END_INDEXED_SIZE;
          if (this.available < size) return null;
          this.noOpenBlock('end record');
          const at = this.offset;
          const end: ContainerRecord & { kind: 'end' } = { kind: 'end', ...decodeEndRecord(this.take(size), 0) };
          // An index is followed by the end record that gives its length, and only an index is.
          const indexSize = this.index === null ? undefined : this.index.size;
          if (end.indexLength !== indexSize) {
            throw new NnzipError(
              ErrorCode.CORRUPT,
              `corrupt stream: the end record at byte ${at} ${end.indexLength === undefined ? 'follows no index' : `gives an index of ${end.indexLength} bytes`}, ` +
                `the stream has ${indexSize === undefined ? 'none' : `one of ${indexSize}`}`,
            );
          }
          if (this.index !== null) {
            const { entries, indexOffset, totalLength, intact } = this.index;
            end.index = { entries, indexOffset, totalLength, intact: intact && totalLength === end.totalLength };
          }
          this.index = null;
          this.inStream = false;
          this.state = 'header';
          return end;
        }
        if (blocks && type === FRAME_BLOCK) {
          if (this.available < BLOCK_RECORD_SIZE) return null;
          this.noOpenBlock('block record');
          if (this.blocks.length === 0) {
            throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: a block record before the first frame, at byte ${this.offset}`);
          }
          const at = this.offset;
          this.block = decodeBlockRecord(this.take(BLOCK_RECORD_SIZE), 0);
          if (this.block.primeLength > MAX_PRIME_BYTES) {
            throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: the block record at byte ${at} asks for a prime of ${this.block.primeLength} bytes (at most ${MAX_PRIME_BYTES})`);
          }
          return this.next();
        }
        if (blocks && type === FRAME_INDEX) {
          if (this.available < 5) return null;
          this.noOpenBlock('block index');
          const count = indexCount(this.peek(5), 0);
          if (count !== this.blocks.length || count < 2) {
            // (Checked before its size is trusted: a damaged count must not make the reader wait for gigabytes.)
            throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: the block index at byte ${this.offset} lists ${count} blocks, the stream has ${this.blocks.length}`);
          }
          const size = indexRecordSize(count);
          if (this.available < size) return null;
          const at = this.offset;
          const index = decodeIndexRecord(this.take(size), 0);
          this.index = { ...index, intact: index.intact && this.indexMatches(index, at - this.streamAt), size };
          if (this.available < 1) return null;
          return this.next();
        }
        if (type !== FRAME_CODED && type !== FRAME_STORED) {
          throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: unknown frame type ${type} at byte ${this.offset}`);
        }
        if (this.index !== null) {
          throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: a frame after the block index, at byte ${this.offset}`);
        }
        if (this.available < FRAME_HEADER_SIZE) return null;
        this.frame = decodeFrameHeader(this.take(FRAME_HEADER_SIZE), 0);
        this.dropped = 0;
        this.state = 'payload';
        return this.next();
      }
      case 'payload': {
        const f = this.frame!;
        let payload: Buffer = EMPTY;
        if (this.skipPayloads) {
          const k = Math.min(this.available, f.payloadLength - this.dropped);
          this.take(k);
          this.dropped += k;
          if (this.dropped < f.payloadLength) return null;
        } else {
          if (this.available < f.payloadLength) return null;
          payload = this.take(f.payloadLength);
        }
        this.state = 'frame';
        this.frame = null;
        const r: ContainerRecord & { kind: 'frame' } = { kind: 'frame', type: f.type, rawLength: f.rawLength, crc: f.crc, payload };
        if (this.version >= BLOCKS_VERSION) {
          if (this.block !== null) {
            r.block = this.block;
            this.blocks.push({ compressedOffset: this.recordAt - this.streamAt, rawOffset: this.block.rawOffset, frames: 0 });
            this.block = null;
          } else if (this.blocks.length === 0) {
            this.blocks.push({ compressedOffset: this.recordAt - this.streamAt, rawOffset: 0, frames: 0 });
          }
          this.blocks[this.blocks.length - 1].frames++;
        }
        return r;
      }
      case 'padding': {
        while (this.available > 0) {
          const c = this.chunks[0];
          let i = 0;
          while (i < c.length && c[i] === 0) i++;
          this.zeros += i;
          this.take(i);
          if (i < c.length) return this.startTrailing();
        }
        return null;
      }
      case 'trailing': {
        if (this.available === 0) return null;
        const at = this.offset;
        this.recordAt = at;
        return { kind: 'trailing', offset: at, data: this.take(this.available) };
      }
    }
  }

  /** A block record must be followed by a frame, and the index by the end record. */
  private noOpenBlock(what: string): void {
    if (this.block !== null) {
      throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: a block record without frames, followed by a ${what} at byte ${this.offset}`);
    }
    if (this.index !== null && what !== 'end record') {
      throw new NnzipError(ErrorCode.CORRUPT, `corrupt stream: the block index is not followed by the end record (a ${what} at byte ${this.offset})`);
    }
  }

  /** Whether an index lists the blocks walked (its offsets from the stream's start). */
  private indexMatches(index: BlockIndex, at: number): boolean {
    if (index.indexOffset !== at || index.entries.length !== this.blocks.length) return false;
    return index.entries.every(
      (e, i) => e.compressedOffset === this.blocks[i].compressedOffset && e.rawOffset === this.blocks[i].rawOffset && e.frames === this.blocks[i].frames,
    );
  }

  /** Bytes that are not a stream follow a complete one (after `zeros` zero bytes, which belong to them). */
  private startTrailing(): ContainerRecord | null {
    const at = this.offset - this.zeros;
    if (this.trailing === 'error') {
      throw new NnzipError(ErrorCode.TRAILING_GARBAGE, `trailing garbage at byte ${at}, after the end of the nnzip stream`);
    }
    this.state = 'trailing';
    this.recordAt = at;
    const data = concatBytes([zeroBytes(this.zeros), this.take(this.available)]);
    this.zeros = 0;
    return { kind: 'trailing', offset: at, data };
  }

  private peek(n: number): Buffer {
    if (this.chunks[0].length >= n) return this.chunks[0].subarray(0, n);
    const all = concatBytes(this.chunks);
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
      out = concatBytes(parts, n);
    }
    this.available -= n;
    this.offset += n;
    return out;
  }
}
