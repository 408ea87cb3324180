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
import { retireTables, Table, zeroedTable } from '../../src/model/spare-tables';

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
  // (The run models' and first APM's tables count too: about 1.1 MiB at level 6 before they were retired.)
  assert.ok(grew < 0.5, `the second model allocated ${grew.toFixed(1)} MiB of typed arrays`);
  assert.deepEqual(code(second), firstBytes);
});

it('a reused table comes back all zeros, whatever was written where (it is cleared only where it holds values)', () => {
  const types: Array<new (length: number) => Table> = [Uint8Array, Int32Array, Uint32Array];
  for (const type of types) {
    const length = 3 * 4096 + 5; // pages of 4 KiB, and a part page at the end
    const used = new type(length);
    // Values at page edges, a page's inside, both ends of the array; one page left zero.
    for (const i of [0, 1, 1023, 1024, 4095, 4096, 5000, length - 1]) used[i] = 200;
    used.fill(7, 2048, 2100);
    retireTables([used]);
    const again = zeroedTable(type, length);
    assert.equal(again, used, `${type.name}: the retired table is taken`);
    assert.ok(again.every((v) => v === 0), `${type.name}: all zeros`);
  }
});
