/**
 * A retired model hands its big tables to the next one (src/model/spare-tables.ts):
 * format 3 builds a fresh model at each block, and a table allocated anew
 * while the old one waits for a collection grew peak RSS by its size per
 * block (issue 11: level 6's 8 MiB APM, +9 MiB per 16 MiB block).
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { FrameEncoder } from '../../src/coder/frame-codec';
import { resolveCompressOptions } from '../../src/options';

const MIB = 1024 * 1024;

it('a level-6 model built after another retires takes its tables: no new big typed arrays, the same output', () => {
  const { params } = resolveCompressOptions({ level: 6 });
  const text = Buffer.from('Nov 30 06:38:45 host sshd[4242]: Accepted publickey for user from 10.0.0.1 port 22\n'.repeat(50));
  const code = (e: FrameEncoder): Buffer => {
    e.begin(text);
    e.step(Infinity);
    return Buffer.from(e.finish());
  };
  const first = new FrameEncoder(params);
  const firstBytes = code(first);
  first.retire();
  // Only a collection could lower this between the two reads, never raise it.
  const before = process.memoryUsage().arrayBuffers;
  const second = new FrameEncoder(params);
  const grew = (process.memoryUsage().arrayBuffers - before) / MIB;
  assert.ok(grew < 2, `the second model allocated ${grew.toFixed(1)} MiB of typed arrays`);
  assert.deepEqual(code(second), firstBytes);
});
