/**
 * Resources: what the soak (`npm run soak`, 10 MB of it in CI: flat memory
 * while streaming, destroyed level-6 streams collected, a compressor that
 * waits for a paused consumer) does not check. A destroyed stream emits
 * nothing after 'close' and stops pulling its input; destroy(err) reports
 * the error once and still frees the model; a compressor resumes, by about
 * as much, when its consumer reads a little; a decompressor waits too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { compressSync, createCompressor, createDecompressor } from '../../src/index';
import { destroyAfter, getGc, LogGenerator, logSource, memorySample, settleAndGc, untilQuiet } from './helpers';

const gc = getGc();

test('a compressor destroyed mid-way emits nothing after close and stops pulling its input', { timeout: 120_000 }, async () => {
  for (let round = 0; round < 2; round++) {
    // One thread: with more, the input is read ahead by blocks (test/core/threads.test.ts bounds that).
    const c = createCompressor({ level: 1, frameSize: 32 * 1024, threads: 1 });
    const src = logSource(round, 64 * 1024 * 1024);
    const done = destroyAfter(c, 3);
    src.pipe(c);
    const r = await done;
    src.unpipe(c);
    src.destroy();
    assert.deepEqual(r.events, ['close'], `round ${round}: events after destroy()`);
    assert.equal(r.dataAfterClose, 0, `round ${round}: data after close`);
    assert.ok(src.pulled < 4 * 1024 * 1024, `round ${round}: pulled ${src.pulled} bytes before being destroyed`);
  }
});

/**
 * One round in a function of its own, so the test's frame (whose registers
 * V8 may keep alive across an await) never holds the stream.
 */
async function decompressorRound(one: Buffer): Promise<{ ref: WeakRef<object>; events: string[]; dataAfterClose: number }> {
  const d = createDecompressor();
  const done = destroyAfter(d, 2, new Error('stop'));
  // 40 concatenated copies: far more than is decoded before the destroy.
  const src = Readable.from(Array.from({ length: 40 }, () => one));
  src.pipe(d);
  const r = await done;
  src.unpipe(d);
  src.destroy();
  return { ref: new WeakRef(d), ...r };
}

test('a decompressor destroyed with an error reports it once, then closes, and is freed', { timeout: 120_000 }, async (t) => {
  // Level 6 default tables (~70 MB of typed arrays): a leak of even one would show.
  const one = compressSync(new LogGenerator(3).bytes(20_000), { level: 6, frameSize: 4096 });
  await settleAndGc(gc);
  const before = memorySample();
  const refs: Array<WeakRef<object>> = [];
  for (let round = 0; round < 3; round++) {
    const r = await decompressorRound(one);
    assert.deepEqual(r.events, ['error:stop', 'close'], `round ${round}: events`);
    assert.equal(r.dataAfterClose, 0);
    refs.push(r.ref);
  }
  await settleAndGc(gc, 6);
  const after = memorySample();
  const alive = refs.filter((r) => r.deref() !== undefined).length;
  t.diagnostic(`array buffers before ${before.arrayBuffers} MiB, after 3 destroyed level-6 decompressors ${after.arrayBuffers} MiB; ${alive} still reachable`);
  assert.equal(alive, 0, 'destroyed decompressors are still reachable (leaked)');
  assert.ok(after.arrayBuffers - before.arrayBuffers < 40, `array buffers grew by ${after.arrayBuffers - before.arrayBuffers} MiB`);
});

test('backpressure: a compressor stalled by a paused consumer goes on by about as much as the consumer reads', { timeout: 120_000 }, async (t) => {
  const total = 16 * 1024 * 1024;
  const src = logSource(9, total);
  // One thread: with more, the input is read ahead by blocks (test/core/threads.test.ts bounds that).
  const c = createCompressor({ level: 1, frameSize: 16 * 1024, threads: 1 });
  src.pipe(c); // nobody reads c: its output buffer fills and everything upstream must wait
  const stalled = await untilQuiet(() => src.pulled, 1000, 30_000);
  t.diagnostic(`paused consumer: compressor pulled ${stalled} of ${total} bytes, then waited`);
  assert.ok(stalled < 1024 * 1024, `the compressor read ${stalled} bytes ahead of a paused consumer`);
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
