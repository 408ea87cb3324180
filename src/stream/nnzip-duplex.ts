/**
 * What the compressor and the decompressor share: a Pumpify (the stages
 * composed into one duplex, as zlib.createGzip() is one) with node:zlib's
 * extras, close() and the state getters a Node stream user expects. Pumpify
 * is built on readable-stream 3, which lacks some of Node's later getters
 * and does not close by itself once done; both are added here.
 */
import Pumpify from 'pumpify';

interface StreamState {
  ending: boolean;
  finished: boolean;
  endEmitted: boolean;
}

export abstract class NnzipDuplex extends Pumpify {
  /** Bytes of input consumed so far, as zlib's bytesWritten. */
  abstract readonly bytesWritten: number;
  /** The error the stream was destroyed with, if any. */
  protected failure: Error | null = null;
  private hasClosed = false;

  constructor() {
    super();
    this.once('close', () => {
      this.hasClosed = true;
    });
    // As Node's own streams do (autoDestroy): close once both sides are done.
    let sides = 0;
    const done = (): void => {
      if (++sides === 2) this.destroy();
    };
    this.once('end', done);
    this.once('finish', done);
  }

  override destroy(error?: Error | null): this {
    if (error && this.failure === null) this.failure = error;
    super.destroy(error ?? undefined);
    return this;
  }

  /** zlib's close(): destroys the stream; `callback` runs once it has closed. */
  close(callback?: () => void): void {
    if (callback) {
      if (this.hasClosed) process.nextTick(callback);
      else this.once('close', () => callback());
    }
    this.destroy();
  }
}

// Node's getters that readable-stream 3 lacks (declared by Node's types as
// read-only properties, so they are defined here rather than as accessors).
function state(s: NnzipDuplex, side: '_writableState' | '_readableState'): StreamState {
  return (s as unknown as Record<string, StreamState>)[side];
}
Object.defineProperties(NnzipDuplex.prototype, {
  writableEnded: {
    get(this: NnzipDuplex) {
      return state(this, '_writableState').ending;
    },
  },
  writableFinished: {
    get(this: NnzipDuplex) {
      return state(this, '_writableState').finished;
    },
  },
  readableEnded: {
    get(this: NnzipDuplex) {
      return state(this, '_readableState').endEmitted;
    },
  },
  closed: {
    get(this: NnzipDuplex) {
      return (this as unknown as { hasClosed: boolean }).hasClosed;
    },
  },
});

/** The error a write (or flush) on a destroyed stream gets, as Node's. */
export function destroyedError(what: string): Error {
  return Object.assign(new Error(`Cannot call ${what} after a stream was destroyed`), { code: 'ERR_STREAM_DESTROYED' });
}
