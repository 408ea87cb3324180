// Whole streams with the kernel on and off (NNZIP_KERNEL, read when a model
// is made), for one level (streams.test.ts level 6, streams1.test.ts level 1,
// streams-mid.test.ts levels 2-5, streams78.test.ts levels 7 and 8,
// streams9.test.ts level 9,
// one file each to keep each file's time short): the level writes the same
// bytes either way, and each side decodes the other's, over logs, text,
// binary, an empty input and several frames; damaged streams fail alike.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compressSync, decompressSync } from '../../src/index';
import { Rng, jsonLines, syslogLines } from '../../bench/gen';
import { parseRecords } from '../core/helpers';

function withKernel<T>(on: boolean, f: () => T): T {
  const before = process.env.NNZIP_KERNEL;
  process.env.NNZIP_KERNEL = on ? '1' : '0';
  try {
    return f();
  } finally {
    if (before === undefined) delete process.env.NNZIP_KERNEL;
    else process.env.NNZIP_KERNEL = before;
  }
}

function inputs(logBytes: number): [string, Buffer][] {
  const rng = new Rng(5);
  const logs: string[] = [];
  const gens = [syslogLines(6), jsonLines(7)];
  let n = 0;
  while (n < logBytes) {
    const line = gens[rng.int(4) === 0 ? 1 : 0]();
    logs.push(line);
    n += line.length;
  }
  const random = Buffer.alloc(20_000);
  for (let i = 0; i < random.length; i++) random[i] = rng.int(256);
  const prose = Buffer.from('It was the best of times, it was the worst of times; it was the age of wisdom.\r\n'.repeat(300), 'latin1');
  return [
    ['empty', Buffer.alloc(0)],
    ['one line without a newline', Buffer.from('2026-12-01 00:00:00 host kernel: started')],
    ['logs, several frames', Buffer.from(logs.join(''), 'latin1')],
    ['logs then prose then random bytes', Buffer.concat([Buffer.from(logs.slice(0, logBytes < 400_000 ? 300 : 800).join(''), 'latin1'), prose, random])],
  ];
}

/** decompressSync's result, or its error as code and message (the same words either way, or the test fails). */
function outcome(input: Buffer, on: boolean): string {
  try {
    return `ok ${withKernel(on, () => decompressSync(input)).length}`;
  } catch (err) {
    return `${(err as { code?: string }).code}: ${(err as Error).message}`;
  }
}

/**
 * The tests, for `level` of model 3 (one the kernel runs). `logBytes`: the
 * logs' size; below 400 KB (level 9, whose JavaScript is slow) the frames
 * and blocks are smaller (48 and 32 KiB, 30 KB), so that there are still several.
 */
export function streamTests(level: number, logBytes = 400_000): void {
  const small = logBytes < 400_000;
  const frameSize = small ? 48 * 1024 : undefined;
  for (const [name, data] of inputs(logBytes)) {
    test(`kernel on and off: level ${level} writes the same bytes (${name})`, () => {
      const off = withKernel(false, () => compressSync(data, { level, frameSize }));
      const on = withKernel(true, () => compressSync(data, { level, frameSize }));
      assert.ok(on.equals(off), `${name}: ${on.length} vs ${off.length} bytes`);
      assert.ok(withKernel(true, () => decompressSync(off)).equals(data));
      assert.ok(withKernel(false, () => decompressSync(on)).equals(data));
    });
  }

  test(`kernel on and off: level ${level} writes the same bytes (small inputs)`, () => {
    const smalls = [Buffer.from([0]), Buffer.from('\n\n'), Buffer.from('x'.repeat(300)), Buffer.from(Array.from({ length: 16 }, (_, i) => (i * 97 + 13) & 255)), Buffer.from('a b\na b\na c\n')];
    for (const data of smalls) {
      const off = withKernel(false, () => compressSync(data, { level }));
      const on = withKernel(true, () => compressSync(data, { level }));
      assert.ok(on.equals(off), `${data.length} bytes: ${on.length} vs ${off.length}`);
      assert.ok(withKernel(true, () => decompressSync(off)).equals(data));
    }
  });

  const blockBytes = small ? 30_000 : 100_000;
  test(`kernel on and off: level ${level}, blocks of ${blockBytes / 1000} KB (each a fresh model on the last one's memory, cleared) write the same bytes`, () => {
    const data = inputs(logBytes)[3][1];
    assert.ok(data.length > blockBytes, `${data.length} bytes: one block`);
    const off = withKernel(false, () => compressSync(data, { level, blockBytes }));
    const on = withKernel(true, () => compressSync(data, { level, blockBytes }));
    assert.ok(on.equals(off), `${on.length} vs ${off.length} bytes`);
    assert.ok(withKernel(true, () => decompressSync(off)).equals(data));
    assert.ok(withKernel(true, () => decompressSync(on, { threads: 1 })).equals(data));
  });

  test(`kernel on and off: damaged level ${level} streams fail with the same error, at the same byte`, () => {
    const data = inputs(logBytes)[2][1];
    const good = compressSync(data, { level, frameSize: small ? 32 * 1024 : 64 * 1024 });
    const frames = parseRecords(good).filter((r) => r.kind === 'frame' && r.type === 1);
    assert.ok(frames.length >= 3);
    const f = frames[1];
    const cases: Buffer[] = [];
    // The payload cut short (its header says so: the decoder reads zeros past the end, then gives up).
    for (const keep of [0, 1, 2, 5, 40, Math.floor(f.payloadLength! / 2)]) {
      const cut = Buffer.from(good.subarray(0, f.offset + 13));
      cut.writeUInt32BE(keep, f.offset + 5);
      cases.push(Buffer.concat([cut, good.subarray(f.offset + 13, f.offset + 13 + keep), good.subarray(f.offset + 13 + f.payloadLength!)]));
    }
    // Bits flipped in the payload.
    for (const at of [0, 2, 100, f.payloadLength! - 1]) {
      const bad = Buffer.from(good);
      bad[f.offset + 13 + at] ^= 0x10;
      cases.push(bad);
    }
    let tooEarly = 0;
    for (const c of cases) {
      const on = outcome(c, true);
      assert.equal(on, outcome(c, false));
      assert.ok(!on.startsWith('ok'), 'damage is found');
      if (/ends too early \(at byte \d+ of \d+\)/.test(on)) tooEarly++;
    }
    assert.ok(tooEarly >= 3, `${tooEarly} cases ran out of coded data`);
  });
}
