/**
 * Cuts a byte stream into batches of whole sentences (see
 * format/sentence.ts), each at least `frameSize` bytes except the last.
 * Only bytes are inspected, never decoded as text, so any byte sequence
 * passes through unchanged. Where the cuts fall depends only on the content,
 * never on how the input was chunked, so the output is reproducible.
 */
import { LINE_FEED, MAX_SENTENCE } from '../format/sentence';

export interface SentenceBatch {
  data: Buffer;
  sentences: number;
}

export class SentenceBatcher {
  private readonly frameSize: number;
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private sentences = 0;
  /** Bytes since the last sentence boundary. */
  private sentenceLength = 0;

  constructor(frameSize: number) {
    this.frameSize = frameSize;
  }

  push(chunk: Buffer, emit: (batch: SentenceBatch) => void): void {
    let start = 0; // first byte of chunk not yet in `pending`
    let i = 0;
    let nextLf = -2; // cached position of the next line feed at or after i (-1: none)
    while (i < chunk.length) {
      if (nextLf !== -1 && nextLf < i) nextLf = chunk.indexOf(LINE_FEED, i);
      const room = MAX_SENTENCE - this.sentenceLength;
      let end: number;
      if (nextLf >= 0 && nextLf - i < room) end = nextLf + 1;
      else if (chunk.length - i >= room) end = i + room;
      else {
        this.sentenceLength += chunk.length - i;
        break;
      }
      this.sentenceLength = 0;
      this.sentences++;
      i = end;
      if (this.pendingBytes + (end - start) >= this.frameSize) {
        this.pending.push(chunk.subarray(start, end));
        this.pendingBytes += end - start;
        start = end;
        this.flushTo(emit);
      }
    }
    if (start < chunk.length) {
      this.pending.push(chunk.subarray(start));
      this.pendingBytes += chunk.length - start;
    }
  }

  /** Emits what is left, the last (possibly unterminated) sentence included. */
  end(emit: (batch: SentenceBatch) => void): void {
    if (this.sentenceLength > 0) this.sentences++;
    if (this.pendingBytes > 0) this.flushTo(emit);
  }

  /**
   * Emits what is pending now, even mid-sentence (the compressor's flush()).
   * The sentence goes on in the next batch: sentence boundaries depend on the
   * content only, never on where frames are cut.
   */
  cut(emit: (batch: SentenceBatch) => void): void {
    if (this.pendingBytes > 0) this.flushTo(emit);
  }

  private flushTo(emit: (batch: SentenceBatch) => void): void {
    const data = this.pending.length === 1 ? this.pending[0] : Buffer.concat(this.pending, this.pendingBytes);
    emit({ data, sentences: this.sentences });
    this.pending = [];
    this.pendingBytes = 0;
    this.sentences = 0;
  }
}
