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
  /**
   * The coder calls this once it is done with `data` (a batch copied from
   * several chunks): its buffer then carries a later batch. Not calling it
   * is safe; the buffer is then left to the garbage collector.
   */
  release?: () => void;
}

/**
 * Buffers kept for batches copied from several chunks: one being coded,
 * one or two queued between the stages (highWaterMark 1), one being filled.
 */
const SPARE_BUFFERS = 4;

export class SentenceBatcher {
  private readonly frameSize: number;
  /**
   * Full batches copied from several chunks go into buffers that are handed
   * back and reused, rather than a new buffer per frame: a dead Buffer's
   * memory returns only when V8 collects garbage, and the coder allocates so
   * few objects that it seldom does (issue 11: peak RSS grew with the input).
   */
  private spare: Buffer[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private sentences = 0;
  /** Bytes since the last sentence boundary. */
  private sentenceLength = 0;

  /**
   * Copy mode: every byte kept goes into a spare buffer at once, so a chunk
   * is no longer referenced once push() returns and its owner may reuse it
   * (the commands' file reader does: no Buffer per read left to the garbage
   * collector). Every batch then comes with `release`.
   */
  private readonly copy: boolean;
  /** Copy mode: the buffer being filled, or null before the first byte of a batch. */
  private fill: Buffer | null = null;

  constructor(frameSize: number, copy = false) {
    this.frameSize = frameSize;
    this.copy = copy;
  }

  /** Keeps chunk[start, end) for the batch being made: a view, or in copy mode a copy. */
  private keep(chunk: Buffer, start: number, end: number): void {
    if (this.copy) {
      // Fits: a batch holds less than frameSize + MAX_SENTENCE bytes (see flushTo).
      this.fill ??= this.spare.pop() ?? Buffer.allocUnsafeSlow(this.frameSize + MAX_SENTENCE);
      chunk.copy(this.fill, this.pendingBytes, start, end);
    } else {
      this.pending.push(chunk.subarray(start, end));
    }
    this.pendingBytes += end - start;
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
        this.keep(chunk, start, end);
        start = end;
        this.flushTo(emit);
      }
    }
    if (start < chunk.length) this.keep(chunk, start, chunk.length);
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
    const n = this.pendingBytes;
    if (this.fill !== null) {
      emit({ data: this.fill.subarray(0, n), sentences: this.sentences, release: this.releaser(this.fill) });
      this.fill = null;
    } else if (this.pending.length === 1) {
      emit({ data: this.pending[0], sentences: this.sentences });
    } else if (n < this.frameSize || n > this.frameSize + MAX_SENTENCE) {
      // A flush or the end: a one-off batch, copied to its size. (A full batch
      // is shorter than frameSize + MAX_SENTENCE, the size of a spare buffer.)
      emit({ data: Buffer.concat(this.pending, n), sentences: this.sentences });
    } else {
      const store = this.spare.pop() ?? Buffer.allocUnsafeSlow(this.frameSize + MAX_SENTENCE);
      let at = 0;
      for (const piece of this.pending) at += piece.copy(store, at);
      emit({ data: store.subarray(0, n), sentences: this.sentences, release: this.releaser(store) });
    }
    this.pending = [];
    this.pendingBytes = 0;
    this.sentences = 0;
  }

  /** Hands `store` back for a later batch, once (a second call does nothing). */
  private releaser(store: Buffer): () => void {
    let released = false;
    return (): void => {
      if (released) return;
      released = true;
      if (this.spare.length < SPARE_BUFFERS) this.spare.push(store);
    };
  }
}
