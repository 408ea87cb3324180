/**
 * The WebAssembly kernel (src/kernel, compiled by `npm run build` to
 * kernel.wasm beside this file's build): one instance per model, so a
 * model's state is its instance's memory (handed on to the next model when
 * the model is retired). The module is compiled once per process, when the
 * first model asks for it.
 */
import { nodeBuiltin } from '../format/host';
import { SQUASH, STRETCH } from '../model/logistic';

/** What every instance exports; the parts' test hooks (test/kernel) add more. */
export interface KernelExports {
  readonly memory: WebAssembly.Memory;
  squashTable(): number;
  stretchTable(): number;
  init(): void;
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
 * A retired model's memory, held weakly (as spare-tables.ts does for the
 * JavaScript model's tables): format 3 starts a fresh model at each block,
 * and a new memory while the old one waits for a garbage collection would
 * hold two models at once (measured: peak RSS 92 -> 130 MiB decoding 64 MiB).
 */
let spare: WeakRef<WebAssembly.Memory> | null = null;

/** A memory for a new instance: the spare one zeroed (what a new memory holds, so the output cannot change), else a new one. */
function freshMemory(): WebAssembly.Memory {
  const memory = spare?.deref();
  spare = null;
  if (memory === undefined) return new WebAssembly.Memory({ initial: 1 });
  new Uint8Array(memory.buffer).fill(0);
  return memory;
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

type Fn = (...args: number[]) => number;

/**
 * The kernel's predictor (level 6 of model 3, src/kernel/predictor.ts) in
 * the JavaScript Predictor's coding interface (code-byte.ts CodingModel),
 * one call into the kernel per decision, on an instance of its own.
 */
export class KernelPredictor {
  readonly runLength: (left: number) => number;
  readonly runByte: (k: number) => number;
  readonly predictRun: () => number;
  readonly updateRun: (hit: number) => void;
  readonly expected: () => number;
  readonly predictHit: () => number;
  readonly updateHit: (hit: number) => void;
  readonly predict: () => number;
  readonly update: (bit: number) => void;

  private readonly memory: WebAssembly.Memory;

  constructor() {
    const k = newKernel();
    this.memory = k.memory;
    (k.hookPredictorNew as Fn)();
    this.runLength = k.hookPredictorRunLength as Fn;
    this.runByte = k.hookPredictorRunByte as Fn;
    this.predictRun = k.hookPredictorPredictRun as Fn;
    this.updateRun = k.hookPredictorUpdateRun as Fn;
    this.expected = k.hookPredictorExpected as Fn;
    this.predictHit = k.hookPredictorPredictHit as Fn;
    this.updateHit = k.hookPredictorUpdateHit as Fn;
    this.predict = k.hookPredictorPredict as Fn;
    this.update = k.hookPredictorUpdate as Fn;
  }

  /** Ends this model's use: its memory goes to the next model made. */
  retire(): void {
    spare = new WeakRef(this.memory);
  }
}
