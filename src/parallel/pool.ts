/**
 * A pool of worker threads that code blocks. Workers are started on demand
 * (the first job starts the first one, so a stream that never has a second
 * block never pays for a worker) and kept for the pool's life; idle workers
 * are unref'd so a forgotten pool never keeps the process alive. destroy()
 * terminates them all at once and fails the jobs not yet done.
 *
 * A job is a message to the worker script (worker.ts, compiled next to this
 * file) and its answer; the buffers named in `transfer` move to the worker
 * instead of being copied.
 */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { errorFromWire, WireError } from '../coder/block-codec';

export type JobKind = 'encode' | 'decode';

export interface JobRequest {
  kind: JobKind;
  job: unknown;
  /** Buffers the worker may take over (the caller must not touch them again). */
  transfer?: ArrayBuffer[];
}


interface Pending {
  id: number;
  request: JobRequest;
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  busy: Pending | null;
}

/**
 * The worker script, compiled from src/parallel: the path holds from this
 * module in dist/src/parallel and from the commands' bundle in dist/src/cli.
 */
export const WORKER_SCRIPT = path.join(__dirname, '..', 'parallel', 'worker.js');

export class WorkerPool {
  private readonly size: number;
  private readonly script: string;
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private destroyed = false;
  /** Workers started over the pool's life (for tests and the bench). */
  started = 0;

  constructor(size: number, script = WORKER_SCRIPT) {
    this.size = Math.max(1, size);
    this.script = script;
  }

  /** Runs a job on the first free worker (starting one if fewer than `size` run); resolves with its result. */
  run(request: JobRequest): Promise<unknown> {
    if (this.destroyed) return Promise.reject(poolGone());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, request, resolve, reject });
      this.dispatch();
    });
  }

  /** Jobs started or waiting. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.busy !== null).length;
  }

  get threadIds(): number[] {
    return this.slots.map((s) => s.worker.threadId);
  }

  /** Terminates every worker now; jobs not done fail. Safe to call more than once. */
  destroy(): Promise<void> {
    if (this.destroyed) return Promise.resolve();
    this.destroyed = true;
    const failed = [...this.queue, ...this.slots.flatMap((s) => (s.busy ? [s.busy] : []))];
    this.queue.length = 0;
    const exits = this.slots.map((s) => {
      s.busy = null;
      s.worker.removeAllListeners('message');
      s.worker.removeAllListeners('error');
      s.worker.on('error', () => {});
      return s.worker.terminate().then(
        () => undefined,
        () => undefined,
      );
    });
    this.slots.length = 0;
    for (const p of failed) p.reject(poolGone());
    return Promise.all(exits).then(() => undefined);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.busy === null);
      if (slot === undefined) {
        if (this.slots.length >= this.size) return;
        slot = this.start();
      }
      const job = this.queue.shift()!;
      slot.busy = job;
      slot.worker.ref();
      const { kind, job: body, transfer } = job.request;
      try {
        slot.worker.postMessage({ id: job.id, kind, job: body }, transfer ?? []);
      } catch (err) {
        slot.busy = null;
        job.reject(err as Error);
      }
    }
  }

  private start(): Slot {
    const worker = new Worker(this.script);
    this.started++;
    const slot: Slot = { worker, busy: null };
    worker.on('message', (msg: { id: number; ok: boolean; result?: unknown; error?: WireError }) => {
      const job = slot.busy;
      if (job === null || job.id !== msg.id) return;
      slot.busy = null;
      worker.unref();
      if (msg.ok) job.resolve(msg.result);
      else job.reject(errorFromWire(msg.error!));
      this.dispatch();
    });
    // A worker that dies (out of memory, a bug) fails its job and leaves the pool; the next job starts a new one.
    const lost = (error: Error): void => {
      const i = this.slots.indexOf(slot);
      if (i < 0) return;
      this.slots.splice(i, 1);
      const job = slot.busy;
      slot.busy = null;
      if (job !== null) job.reject(error);
      this.dispatch();
    };
    worker.on('error', (err) => lost(err));
    worker.on('exit', (code) => lost(new Error(`nnzip worker thread exited (code ${code})`)));
    this.slots.push(slot);
    return slot;
  }
}

function poolGone(): Error {
  return Object.assign(new Error('the stream was destroyed'), { code: 'ERR_STREAM_DESTROYED' });
}
