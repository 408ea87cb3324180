/**
 * Resources, in miniature (the 200 MB version is `npm run soak`): memory
 * stays flat over a few MB of streaming, a stream destroyed mid-way closes
 * quietly and its model's memory is released, and a slow consumer makes the
 * producer wait instead of the compressor reading its whole input ahead.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { compressSync, createCompressor, createDecompressor } from '../../src/index';
import { getGc, LogGenerator, logSource, memorySample, settleAndGc, verifyingSink } from './helpers';

const gc = getGc();

/** After a GC: none of `refs` is reachable, and array-buffer memory is back within 40 MiB of `before`. */
async function assertAllFreed(
  t: { diagnostic(msg: string): void },
  refs: Array<WeakRef<object>>,
  before: ReturnType<typeof memorySample>,
  what: string,
): Promise<void> {
  await settleAndGc(gc, 6);
  const after = memorySample();
  const alive = refs.filter((r) => r.deref() !== undefined).length;
  t.diagnostic(`array buffers before ${before.arrayBuffers} MiB, after 4 destroyed level-6 ${what} ${after.arrayBuffers} MiB; ${alive} still reachable`);
  assert.equal(alive, 0, `destroyed ${what} are still reachable (leaked)`);
  assert.ok(after.arrayBuffers - before.arrayBuffers < 40, `array buffers grew by ${after.arrayBuffers - before.arrayBuffers} MiB`);
}

test('memory stays flat while 2 MB stream through compressor and decompressor', { timeout: 180_000 }, async (t) => {
  const MB = 2;
  const limit = MB * 1024 * 1024;
  const samples: Array<ReturnType<typeof memorySample> & { at: number }> = [];
  let nextSample = 0;
  const sink = verifyingSink(7, (total) => {
    if (total >= nextSample) {
      gc(); // live memory only: what a leak would grow
      samples.push({ at: total, ...memorySample() });
      nextSample += limit / 8;
    }
  });
  await pipeline(logSource(7, limit, 64 * 1024), createCompressor({ level: 1, frameSize: 128 * 1024 }), createDecompressor(), sink);
  assert.equal(sink.total, limit);
  t.diagnostic(`samples (MiB): ${samples.map((s) => `@${(s.at / 1048576).toFixed(2)} heap=${s.heapUsed} rss=${s.rss} ab=${s.arrayBuffers}`).join(' | ')}`);
  // Compare the second half with the first sample after the models were built: no steady growth.
  const first = samples[1];
  const late = samples.slice(Math.floor(samples.length / 2));
  const maxHeap = Math.max(...late.map((s) => s.heapUsed));
  const maxAb = Math.max(...late.map((s) => s.arrayBuffers));
  const maxRss = Math.max(...late.map((s) => s.rss));
  assert.ok(maxHeap - first.heapUsed < 24, `heap grew from ${first.heapUsed} to ${maxHeap} MiB`);
  assert.ok(maxAb - first.arrayBuffers < 24, `array buffers grew from ${first.arrayBuffers} to ${maxAb} MiB`);
  assert.ok(maxRss - first.rss < 96, `RSS grew from ${first.rss} to ${maxRss} MiB`);
});

/** Destroys `stream` after its n-th 'data' event; resolves with what was seen. */
function destroyAfter(stream: NodeJS.ReadWriteStream & { destroy(err?: Error): unknown }, n: number, err?: Error) {
  return new Promise<{ events: string[]; dataAfterClose: number }>((resolve) => {
    const events: string[] = [];
    let closed = false;
    let dataAfterClose = 0;
    let seen = 0;
    stream.on('data', () => {
      if (closed) dataAfterClose++;
      if (++seen === n) stream.destroy(err);
    });
    stream.on('error', (e: Error) => events.push(`error:${e.message}`));
    stream.on('end', () => events.push('end'));
    stream.on('close', () => {
      closed = true;
      events.push('close');
      // Give any stray slice of coding work a chance to emit after close.
      setTimeout(() => resolve({ events, dataAfterClose }), 100);
    });
  });
}

/**
 * One destroy round in a function of its own, so the test's frame (whose
 * registers V8 may keep alive across an await) never holds the stream.
 */
async function compressorRound(round: number): Promise<{ ref: WeakRef<object>; events: string[]; dataAfterClose: number; pulled: number }> {
  // Level 6 default tables (~70 MB of typed arrays): a leak of even one would show.
  const c = createCompressor({ level: 6, frameSize: 32 * 1024 });
  const src = logSource(round, 64 * 1024 * 1024);
  const done = destroyAfter(c, 3);
  src.pipe(c);
  const r = await done;
  src.unpipe(c);
  src.destroy();
  return { ref: new WeakRef(c), ...r, pulled: src.pulled };
}

async function decompressorRound(one: Buffer, withError: boolean): Promise<{ ref: WeakRef<object>; events: string[]; dataAfterClose: number }> {
  const d = createDecompressor();
  const done = destroyAfter(d, 2, withError ? new Error('stop') : undefined);
  // 40 concatenated copies: far more than is decoded before the destroy.
  const src = Readable.from(Array.from({ length: 40 }, () => one));
  src.pipe(d);
  const r = await done;
  src.unpipe(d);
  src.destroy();
  return { ref: new WeakRef(d), ...r };
}

test('a compressor destroyed mid-way closes without error, emits nothing after, and is freed', { timeout: 120_000 }, async (t) => {
  await settleAndGc(gc);
  const before = memorySample();
  const refs: Array<WeakRef<object>> = [];
  for (let round = 0; round < 4; round++) {
    const r = await compressorRound(round);
    assert.deepEqual(r.events, ['close'], `round ${round}: events after destroy()`);
    assert.equal(r.dataAfterClose, 0, `round ${round}: data after close`);
    assert.ok(r.pulled < 4 * 1024 * 1024, `round ${round}: pulled ${r.pulled} bytes before being destroyed`);
    refs.push(r.ref);
  }
  await assertAllFreed(t, refs, before, 'compressors');
});

test('a decompressor destroyed mid-way (with an error) reports it once, then closes, and is freed', { timeout: 120_000 }, async (t) => {
  const one = compressSync(new LogGenerator(3).bytes(20_000), { level: 6, frameSize: 4096 });
  await settleAndGc(gc);
  const before = memorySample();
  const refs: Array<WeakRef<object>> = [];
  for (let round = 0; round < 4; round++) {
    const r = await decompressorRound(one, round % 2 === 1);
    assert.deepEqual(r.events, round % 2 ? ['error:stop', 'close'] : ['close'], `round ${round}: events`);
    assert.equal(r.dataAfterClose, 0);
    refs.push(r.ref);
  }
  await assertAllFreed(t, refs, before, 'decompressors');
});

/** Waits until `value()` has not changed for `quietMs` (the pipeline is stalled), or `maxMs` passed. */
async function untilQuiet(value: () => number, quietMs: number, maxMs: number): Promise<number> {
  const start = Date.now();
  let last = value();
  let since = Date.now();
  while (Date.now() - start < maxMs) {
    await new Promise((r) => setTimeout(r, 50));
    const v = value();
    if (v !== last) {
      last = v;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) break;
  }
  return last;
}

test('backpressure: a paused consumer stops the compressor from reading ahead', { timeout: 120_000 }, async (t) => {
  const total = 16 * 1024 * 1024;
  const src = logSource(9, total);
  const c = createCompressor({ level: 1, frameSize: 16 * 1024 });
  src.pipe(c); // nobody reads c: its output buffer fills and everything upstream must wait
  const stalled = await untilQuiet(() => src.pulled, 1000, 30_000);
  t.diagnostic(`paused consumer: compressor pulled ${stalled} of ${total} bytes, then waited`);
  assert.ok(stalled < 1024 * 1024, `the compressor read ${stalled} bytes ahead of a paused consumer`);
  // A consumer that reads a little lets it go on, by about as much.
  let got = 0;
  c.on('data', (b: Buffer) => {
    got += b.length;
    if (got > 20_000) c.pause();
  });
  const resumed = await untilQuiet(() => src.pulled, 2000, 30_000);
  t.diagnostic(`after the consumer read ${got} bytes: pulled ${resumed}`);
  assert.ok(resumed > stalled, 'the compressor did not resume when the consumer read');
  assert.ok(resumed < 2 * 1024 * 1024, `the compressor read ${resumed} bytes ahead after a short read`);
  src.unpipe(c);
  src.destroy();
  c.destroy();
});

test('backpressure: a paused consumer stops the decompressor from reading ahead', { timeout: 120_000 }, async (t) => {
  const one = compressSync(new LogGenerator(4).bytes(30_000), { level: 1, frameSize: 8192 });
  const copies = 300; // ~9 MB of output in all
  let pulled = 0;
  let i = 0;
  const src = new Readable({
    read() {
      if (i++ === copies) this.push(null);
      else {
        pulled += one.length;
        this.push(one);
      }
    },
  });
  const d = createDecompressor();
  src.pipe(d);
  const stalled = await untilQuiet(() => pulled, 1000, 30_000);
  t.diagnostic(`paused consumer: decompressor pulled ${stalled} of ${copies * one.length} compressed bytes, then waited`);
  assert.ok(stalled < (copies * one.length) / 4, `the decompressor read ${stalled} bytes ahead of a paused consumer`);
  src.unpipe(d);
  src.destroy();
  d.destroy();
});
