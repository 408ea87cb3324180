/**
 * The script each pool worker runs: one block job at a time, coded by the
 * same functions as the single-threaded path's (src/coder/block-codec.ts),
 * so a block's bytes never depend on where it was coded. The answer's
 * buffers are moved back, not copied, when they own their memory.
 */
import { parentPort } from 'node:worker_threads';
import { decodeBlock, DecodeBlockJob, encodeBlock, EncodeBlockJob, EncodedBlock, errorToWire } from '../coder/block-codec';
import type { JobKind } from './pool';

interface JobMessage {
  id: number;
  kind: JobKind;
  job: EncodeBlockJob | DecodeBlockJob;
}

parentPort!.on('message', (msg: JobMessage) => {
  let result: unknown;
  try {
    result = msg.kind === 'encode' ? encode(msg.job as EncodeBlockJob) : decode(msg.job as DecodeBlockJob);
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, ok: false, error: errorToWire(err as Error) });
    return;
  }
  parentPort!.postMessage({ id: msg.id, ok: true, result }, transferables(result));
});

/**
 * The block's input buffer goes back with the answer (moved, not copied):
 * the stage fills it with a later block, rather than each block's input
 * staying here until this thread collects garbage, which a coder that
 * allocates few objects seldom does (issue 11).
 */
export interface EncodeAnswer extends EncodedBlock {
  /** The job's frames' buffer, for the stage's next block. */
  input?: Uint8Array;
}

function encode(job: EncodeBlockJob): EncodeAnswer {
  const result = encodeBlock(job);
  const input = job.frames[0]?.buffer;
  return input instanceof ArrayBuffer ? { ...result, input: new Uint8Array(input) } : result;
}

function decode(job: DecodeBlockJob): unknown {
  // A Buffer crosses as a plain Uint8Array: the codec reads it as a Buffer again (no copy).
  const data = job.data as Uint8Array;
  const d = decodeBlock({ ...job, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) });
  // An Error would cross as a bare Error: its code goes as data.
  return { ...d, error: d.error === null ? null : errorToWire(d.error) };
}

/**
 * The ArrayBuffers of a result's byte arrays that they alone use: a Buffer
 * cut from Node's shared pool is copied instead, since moving the pool
 * would take its neighbours with it.
 */
function transferables(value: unknown): ArrayBuffer[] {
  const out: ArrayBuffer[] = [];
  const values = value !== null && typeof value === 'object' ? Object.values(value) : [];
  for (const v of values) {
    if (!ArrayBuffer.isView(v)) continue;
    const ab = v.buffer;
    if (ab instanceof ArrayBuffer && v.byteOffset === 0 && v.byteLength === ab.byteLength && !out.includes(ab)) out.push(ab);
  }
  return out;
}
