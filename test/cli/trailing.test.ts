/**
 * Data after the last stream (issue 12, item 4), as gzip 1.12 treats it:
 * zero padding (tape blocks) is ignored silently; other bytes are dropped
 * with "decompression OK, trailing garbage ignored" and exit status 2, the
 * output kept (and with -d the input removed); `-dcf` passes a plain tail
 * through unchanged (gzip's "mixed" test), exit 0.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { hasCommand, logText, NNCAT, nnzip, NNUNZIP, pack, run, scratch, write } from './helpers';

const TEXT = logText(4000, 31);
const PACKED = pack(TEXT);
const TAIL = Buffer.from('plain text after the stream\n');
const WARNING = (name: string) => `nnzip: ${name}: decompression OK, trailing garbage ignored\n`;

describe('trailing data after the last stream', { concurrency: 2 }, () => {
  test('512 zero bytes of tape padding: decoded silently, exit 0, with -dc, -d and -t', async (t) => {
    const dir = scratch(t);
    const padded = Buffer.concat([PACKED, Buffer.alloc(512)]);
    const f = write(dir, 'p.log.nnz', padded);
    const c = await nnzip(['-dc', f]);
    assert.equal(c.code, 0, c.stderr);
    assert.equal(c.stderr, '');
    assert.ok(c.stdout.equals(TEXT));
    const tested = await nnzip(['-t', f]);
    assert.deepEqual([tested.code, tested.stderr], [0, '']);
    const d = await nnzip(['-d', f]);
    assert.deepEqual([d.code, d.stderr], [0, '']);
    assert.ok(fs.readFileSync(path.join(dir, 'p.log')).equals(TEXT));
    assert.ok(!fs.existsSync(f));
  });

  test('garbage with -dc (file and stdin): the data, the warning, exit 2', async (t) => {
    const dir = scratch(t);
    const f = write(dir, 'g.log.nnz', Buffer.concat([PACKED, TAIL]));
    const c = await nnzip(['-dc', f]);
    assert.equal(c.code, 2);
    assert.equal(c.stderr, WARNING(f));
    assert.ok(c.stdout.equals(TEXT), 'the output is the data, without the garbage');
    const s = await run(NNCAT, [], { input: fs.readFileSync(f) });
    assert.equal(s.code, 2);
    assert.equal(s.stderr, 'nncat: stdin: decompression OK, trailing garbage ignored\n');
    assert.ok(s.stdout.equals(TEXT));
    // -q: no message, the status stays 2 (as gzip -dqc).
    const q = await nnzip(['-dcq', f]);
    assert.deepEqual([q.code, q.stderr], [2, '']);
    assert.ok(q.stdout.equals(TEXT));
  });

  test('garbage with -d: the output kept, the input removed, the warning, exit 2', async (t) => {
    const dir = scratch(t);
    // Zeros, then garbage: the zeros were not padding after all, and are dropped with it.
    const f = write(dir, 'g.log.nnz', Buffer.concat([PACKED, PACKED, Buffer.alloc(7), TAIL]));
    const d = await run(NNUNZIP, [f]);
    assert.equal(d.code, 2);
    assert.equal(d.stderr, `nnunzip: ${f}: decompression OK, trailing garbage ignored\n`);
    assert.ok(fs.readFileSync(path.join(dir, 'g.log')).equals(Buffer.concat([TEXT, TEXT])));
    assert.ok(!fs.existsSync(f), 'the input is removed, as gzip -d does');
    const k = write(dir, 'k.log.nnz', Buffer.concat([PACKED, TAIL]));
    const tested = await nnzip(['-t', k]);
    assert.deepEqual([tested.code, tested.stderr], [2, WARNING(k)]);
  });

  test("-dcf on a stream followed by plain text passes the tail through (gzip's mixed test), exit 0", async (t) => {
    const dir = scratch(t);
    const tail = Buffer.concat([Buffer.alloc(3), TAIL]);
    const f = write(dir, 'm.nnz', Buffer.concat([PACKED, tail]));
    const c = await nnzip(['-dcf', f]);
    assert.deepEqual([c.code, c.stderr], [0, '']);
    assert.ok(c.stdout.equals(Buffer.concat([TEXT, tail])), 'the data, then the tail as it is (zeros included)');
    const s = await run(NNCAT, ['-f'], { input: fs.readFileSync(f) });
    assert.deepEqual([s.code, s.stderr], [0, '']);
    assert.ok(s.stdout.equals(Buffer.concat([TEXT, tail])));
  });

  test('the same input through gzip 1.12 and nnzip: the same exit statuses and tails', { skip: !hasCommand('gzip') }, async (t) => {
    // gzip's container, same tails: the behaviour this file copies, checked against the real thing.
    const dir = scratch(t);
    const gz = path.join(dir, 'a.gz');
    const nz = path.join(dir, 'a.nnz');
    for (const [tail, args] of [
      [Buffer.alloc(512), ['-dc']],
      [TAIL, ['-dc']],
      [TAIL, ['-dcf']],
    ] as const) {
      fs.writeFileSync(gz, Buffer.concat([gzipSync(TEXT), tail]));
      fs.writeFileSync(nz, Buffer.concat([PACKED, tail]));
      const g = await run('gzip', [...args, gz]);
      const n = await nnzip([...args, nz]);
      assert.equal(n.code, g.code, `${args.join(' ')} with ${tail.length} bytes: exit status`);
      assert.ok(n.stdout.equals(g.stdout), `${args.join(' ')}: output`);
      assert.equal(n.stderr === '', g.stderr === '', `${args.join(' ')}: a message or none`);
    }
  });
});
