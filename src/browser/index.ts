/**
 * The decompressor for browsers (and any JavaScript host without Node's
 * API): the same reader, codec core and model as the library's
 * decompressSync (src/index.ts), with nothing of Node on the path. The
 * build bundles this file into one ES module, dist/browser/nnzip-decoder.mjs
 * (esbuild, platform browser: a Node built-in on the path fails the build);
 * examples/browser/ decodes a chosen .nnz file with it in a Web Worker.
 *
 * Bytes out are plain Uint8Arrays there (Buffers in Node: format/bytes.ts),
 * each verified by its frame's CRC-32 before it is handed out, as in Node;
 * damaged input is an NnzipError with the library's codes, never wrong
 * output.
 */
import { Decoder } from '../coder/decoder';
import { ContainerReader } from '../format/reader';
import { ErrorCode, NnzipError } from '../format/errors';
import { FORMAT_VERSION } from '../format/container';
import { MODEL_ID, unsupportedReason } from '../model/presets';

export { ErrorCode, NnzipError, FORMAT_VERSION, MODEL_ID };

export interface DecodeOptions {
  /** The most bytes to output; past it a RangeError with code ERR_BUFFER_TOO_LARGE (default: no limit). */
  maxOutputLength?: number;
  /** Bytes after the last stream that are neither a stream nor zero padding: 'error' (default), 'ignore' or 'copy'. */
  trailing?: 'error' | 'ignore' | 'copy';
}

/**
 * Decodes .nnz bytes pushed in pieces of any size, synchronously: each
 * push() decodes every frame that is complete and hands out its verified
 * bytes in order. A caller that must stay responsive (a page) runs it in a
 * Web Worker and pushes modest pieces.
 */
export class StreamDecoder {
  private readonly reader: ContainerReader;
  private readonly decoder: Decoder;
  private inputBytes = 0;
  private outputBytes = 0;

  constructor(options: DecodeOptions = {}) {
    const trailing = options.trailing ?? 'error';
    if (trailing !== 'error' && trailing !== 'ignore' && trailing !== 'copy') {
      throw new NnzipError(ErrorCode.INVALID_OPTION, `invalid trailing option ${String(trailing)} (error, ignore or copy)`);
    }
    const limit = options.maxOutputLength ?? Infinity;
    if (!(limit >= 0)) throw new NnzipError(ErrorCode.INVALID_OPTION, `invalid maxOutputLength ${String(limit)}`);
    this.reader = new ContainerReader(unsupportedReason, { trailing: trailing === 'error' ? 'error' : 'report' });
    this.decoder = new Decoder(limit, trailing);
  }

  /** Bytes of input taken so far. */
  get input(): number {
    return this.inputBytes;
  }

  /** Bytes handed out so far. */
  get output(): number {
    return this.outputBytes;
  }

  /** Takes the next input bytes; `onOutput` gets each piece of verified output, in order. Throws on damaged input. */
  push(chunk: Uint8Array | ArrayBuffer, onOutput: (bytes: Uint8Array) => void): void {
    const bytes = asBytes(chunk);
    this.inputBytes += bytes.length;
    this.reader.push(bytes as Buffer, (r) => {
      const decoder = this.decoder;
      const out = r.kind === 'trailing' ? decoder.trailingBytes(r) : decoder.accept(r) ? decoder.decodeFrame() : null;
      if (out !== null && out.length > 0) {
        this.outputBytes += out.length;
        onOutput(out);
      }
    });
  }

  /** The input is complete: throws if it ended inside a stream or held none. */
  end(): void {
    this.reader.end();
  }
}

function asBytes(data: unknown): Uint8Array {
  if (data instanceof Uint8Array) return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  throw new NnzipError(ErrorCode.INVALID_ARG_TYPE, `the input must be a Uint8Array or an ArrayBuffer, not ${data === null ? 'null' : typeof data}`);
}

/** Decodes a whole .nnz input at once. */
export function decompress(input: Uint8Array | ArrayBuffer, options?: DecodeOptions): Uint8Array {
  const d = new StreamDecoder(options);
  const parts: Uint8Array[] = [];
  d.push(input, (b) => parts.push(b));
  d.end();
  const out = new Uint8Array(d.output);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
