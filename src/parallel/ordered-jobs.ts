/**
 * Blocks coded out of order, released in order. Each added job runs on the
 * pool at once; its result is handed to `release` only after every earlier
 * job's result has been, and a failure is reported (once) in its place:
 * after the results before it, with none after it. At most `limit` jobs are
 * held (running or done but not yet released), which bounds memory;
 * `hasRoom` tells the producer whether it may add more.
 */
import type { JobRequest, WorkerPool } from './pool';

interface Entry {
  done: boolean;
  result?: unknown;
  error?: Error;
}

export class OrderedJobs {
  private readonly pool: WorkerPool;
  private readonly release: (result: unknown) => void;
  private readonly fail: (error: Error) => void;
  readonly limit: number;
  private readonly entries: Entry[] = [];
  private failed = false;
  private stopped = false;
  private waiters: Array<() => void> = [];

  constructor(pool: WorkerPool, limit: number, release: (result: unknown) => void, fail: (error: Error) => void) {
    this.pool = pool;
    this.limit = Math.max(1, limit);
    this.release = release;
    this.fail = fail;
  }

  /** Jobs added and not yet released. */
  get held(): number {
    return this.entries.length;
  }

  get hasRoom(): boolean {
    return this.entries.length < this.limit;
  }

  add(request: JobRequest): void {
    if (this.stopped) return;
    const entry: Entry = { done: false };
    this.entries.push(entry);
    this.pool.run(request).then(
      (result) => {
        entry.done = true;
        entry.result = result;
        this.settle();
      },
      (error: Error) => {
        entry.done = true;
        entry.error = error;
        this.settle();
      },
    );
  }

  /** Calls `cb` once every job added so far is released (or the jobs failed or stopped). */
  whenDrained(cb: () => void): void {
    if (this.entries.length === 0 || this.stopped) cb();
    else this.waiters.push(() => this.whenDrained(cb));
  }

  /** Drops every job: nothing more is released or reported. */
  stop(): void {
    this.stopped = true;
    this.entries.length = 0;
    this.wake();
  }

  private settle(): void {
    if (this.stopped) return;
    while (this.entries.length > 0 && this.entries[0].done) {
      const e = this.entries.shift()!;
      if (e.error !== undefined) {
        this.failed = true;
        this.stopped = true;
        this.entries.length = 0;
        this.fail(e.error);
        break;
      }
      this.release(e.result);
      // A release may stop the jobs (the consumer destroyed the stream).
      if (this.stopped) break;
    }
    this.wake();
  }

  private wake(): void {
    if (this.waiters.length === 0 || (!this.hasRoom && !this.stopped)) return;
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }

  get hasFailed(): boolean {
    return this.failed;
  }
}

/** One job's outcome, once known; `onDone` runs then. */
export class JobSlot {
  done = false;
  result: unknown = undefined;
  error: Error | null = null;

  constructor(job: Promise<unknown>, onDone: () => void) {
    job.then(
      (result) => {
        this.done = true;
        this.result = result;
        onDone();
      },
      (error: Error) => {
        this.done = true;
        this.error = error;
        onDone();
      },
    );
  }
}
