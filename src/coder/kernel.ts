/**
 * The WebAssembly kernel (src/kernel, compiled by `npm run build` to
 * kernel.wasm beside this file's build): one instance per model, so a
 * model's state is its instance's memory and goes with it. The module is
 * compiled once per process, when the first model asks for it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    const bytes = readFileSync(join(__dirname, '..', 'kernel', 'kernel.wasm'));
    compiled = new WebAssembly.Module(bytes);
  }
  return compiled;
}

/** Memory views are made afresh after every call that may have grown the memory. */
function bytesOf(exports: KernelExports): Uint8Array {
  return new Uint8Array(exports.memory.buffer);
}

/** A new instance with the logistic tables written in. */
export function newKernel(): KernelExports {
  let exports: KernelExports | null = null;
  const imports = {
    env: {
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
