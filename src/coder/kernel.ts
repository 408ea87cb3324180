/**
 * The WebAssembly kernel (src/kernel, compiled by `npm run build` to
 * kernel.wasm beside this file's build): one instance per model, so a
 * model's state is its instance's memory (handed on to the next model when
 * the model is retired). The module is compiled once per process, when the
 * first model asks for it.
 */
import { ErrorCode, NnzipError } from '../format/errors';
import { nodeBuiltin } from '../format/host';
import { RUN_MAX } from '../model/run';
import type { FrameModel } from './frame-codec';
import { SQUASH, STRETCH } from '../model/logistic';

/** What every instance exports; the parts' test hooks (test/kernel) add more. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  squashTable(): number;
  stretchTable(): number;
  init(): void;
  clearMemory(): void;
  readonly [name: string]: unknown;
}

let compiled: WebAssembly.Module | null = null;

/** The compiled kernel (kernel.wasm, beside this module's build). */
function kernelModule(): WebAssembly.Module {
  if (compiled === null) {
    // (Asked for at run time: a bundle for the browser sees no Node built-in here.)
    const fs = nodeBuiltin<typeof import('node:fs')>('node:fs')!;
    const bytes = fs.readFileSync(`${__dirname}/../kernel/kernel.wasm`);
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/** Memory views are made afresh after every call that may have grown the memory. */
function bytesOf(exports: KernelExports): Uint8Array {
  return new Uint8Array(exports.memory.buffer);
}

/**
 * A retired model's instance (for its memory), held weakly (as spare-tables.ts does for the
 * JavaScript model's tables): format 3 starts a fresh model at each block,
 * and a new memory while the old one waits for a garbage collection would
 * hold two models at once (measured: peak RSS 92 -> 130 MiB decoding 64 MiB).
 */
let spare: WeakRef<KernelExports> | null = null;

/**
 * A memory for a new instance: the spare one, cleared by its retired
 * instance (api.ts clearMemory: zeroes what a new memory holds, so the
 * output cannot change), else a new one. Only pages that hold a value are
 * written: a page the last model never touched stays out of the resident
 * set, as a new model's untouched pages do (a fill of it all made peak RSS
 * grow with the input: 80 -> 97 MiB from 1 to 64 MiB at level 6).
 */
function freshMemory(): WebAssembly.Memory {
  const retired = spare?.deref();
  spare = null;
  if (retired === undefined) return new WebAssembly.Memory({ initial: 1 });
  retired.clearMemory();
  return retired.memory;
}

/** A new instance with the logistic tables written in. */
export function newKernel(): KernelExports {
  let exports: KernelExports | null = null;
  const imports = {
    env: {
      memory: freshMemory(),
      // The kernel's own assertion failed (an index out of bounds, say): a bug, never the data's fault.
      abort(msg: number, file: number, line: number, column: number): never {
        throw new Error(`nnzip kernel: internal error at ${readString(exports, file)}:${line}:${column}: ${readString(exports, msg)}`);
      },
    },
  };
  exports = new WebAssembly.Instance(kernelModule(), imports).exports as unknown as KernelExports;
  const memory = bytesOf(exports);
  memory.set(new Uint8Array(SQUASH.buffer, SQUASH.byteOffset, SQUASH.byteLength), exports.squashTable());
  memory.set(new Uint8Array(STRETCH.buffer, STRETCH.byteOffset, STRETCH.byteLength), exports.stretchTable());
  exports.init();
  return exports;
}

/** An AssemblyScript string (UTF-16, its byte length just before it) at `ptr`, for the abort message. */
function readString(exports: KernelExports | null, ptr: number): string {
  if (exports === null || ptr === 0) return '?';
  const memory = bytesOf(exports);
  const length = new DataView(memory.buffer).getUint32(ptr - 4, true);
  return Buffer.from(memory.subarray(ptr, ptr + length)).toString('utf16le');
}

/** How far past a span's end its last decision may reach: a run starting at the span's last byte. */
const RUN_REACH = RUN_MAX - 1;

type Fn = (...args: number[]) => number;

/**
 * The kernel's model (any level of model 3: src/kernel/predictor.ts for
 * level 6, predictor1.ts, predictor9.ts, predictor78.ts for levels 7 and 8, predictor-mid.ts for 2-5) with its range coders, on an instance of its own: a frame codec's FrameModel, one
 * call into the kernel per span (src/kernel/api.ts). The span's bytes are
 * copied in (and, decoding, out): up to RUN_REACH bytes past the span's
 * end, which a run decision may cover.
 */
export class KernelFrameModel implements FrameModel {
  private readonly kernel: KernelExports;
  private readonly memory: WebAssembly.Memory;
  private readonly spanBuffer: Fn;
  private readonly payloadBuffer: Fn;
  private readonly learnSpan: Fn;
  private readonly encodeStartK: Fn;
  private readonly encodeSpan: Fn;
  private readonly encodeFinishK: Fn;
  private readonly encodedBytes: Fn;
  private readonly decodeStartK: Fn;
  private readonly decodeSpan: Fn;

  /** `level`: 1-9 (of model 3). */
  constructor(level: number) {
    const k = newKernel();
    this.kernel = k;
    this.memory = k.memory;
    (k.modelNew as Fn)(level);
    this.spanBuffer = k.spanBuffer as Fn;
    this.payloadBuffer = k.payloadBuffer as Fn;
    this.learnSpan = k.learnSpan as Fn;
    this.encodeStartK = k.encodeStart as Fn;
    this.encodeSpan = k.encodeSpan as Fn;
    this.encodeFinishK = k.encodeFinish as Fn;
    this.encodedBytes = k.encodedBytes as Fn;
    this.decodeStartK = k.decodeStart as Fn;
    this.decodeSpan = k.decodeSpan as Fn;
  }

  /** Copies buf[i..) as far as a run from before `end` may reach into the span buffer; returns how many bytes. */
  private copyIn(buf: Uint8Array, i: number, end: number, length: number): number {
    const n = Math.min(length, end + RUN_REACH) - i;
    const at = this.spanBuffer(n);
    new Uint8Array(this.memory.buffer, at, n).set(buf.subarray(i, i + n));
    return n;
  }

  learn(buf: Uint8Array, i: number, end: number, length: number): number {
    if (i >= end) return i;
    this.copyIn(buf, i, end, length);
    return i + this.learnSpan(end - i, length - i);
  }

  encodeStart(): void {
    this.encodeStartK();
  }

  encode(frame: Uint8Array, i: number, end: number, length: number): number {
    if (i >= end) return i;
    this.copyIn(frame, i, end, length);
    return i + this.encodeSpan(end - i, length - i);
  }

  encodeFinish(): Buffer {
    const n = this.encodeFinishK();
    // (Read after finish: the coder's buffer may have moved, and memory grown.)
    return Buffer.from(new Uint8Array(this.memory.buffer, this.encodedBytes(), n));
  }

  decodeStart(payload: Uint8Array): void {
    const at = this.payloadBuffer(payload.length);
    new Uint8Array(this.memory.buffer, at, payload.length).set(payload);
    this.decodeStartK(payload.length);
  }

  decode(out: Uint8Array, i: number, end: number, length: number): number {
    if (i >= end) return i;
    const n = Math.min(length, end + RUN_REACH) - i;
    const at = this.spanBuffer(n);
    const covered = this.decodeSpan(end - i, length - i);
    if (covered < 0) {
      // (range-coder.ts's words, and code-byte.ts codeSpan's position.)
      throw new NnzipError(ErrorCode.CORRUPT, `corrupt frame: its coded data ends too early (at byte ${i - covered} of ${length})`);
    }
    out.set(new Uint8Array(this.memory.buffer, at, covered), i);
    return i + covered;
  }

  /** Ends this model's use: its memory goes to the next model made. */
  retire(): void {
    spare = new WeakRef(this.kernel);
  }
}
