/**
 * --explain's library forms (issue 14): the most surprising lines of a log
 * are the foreign ones, not the first nor the long ones; plain and .nnz
 * input, whole or streamed in any chunks, give the same rows.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { compressSync, createExplainer, explain, ExplainReport, ExplainRow } from '../../src/index';
import { escapeLine } from '../../src/insight/escape';
import { Explainer } from '../../src/insight/explainer';
import { Rng } from '../core/helpers';
import { FOREIGN, logWithLongLines, plantedLog, usualLog } from './helpers';

/** Streams `input` through createExplainer in chunks of the given sizes (cycled). */
async function streamed(input: Buffer, sizes: number[], options = {}): Promise<{ rows: ExplainRow[]; report: ExplainReport }> {
  const chunks: Buffer[] = [];
  for (let at = 0, k = 0; at < input.length; k++) {
    const n = sizes[k % sizes.length];
    chunks.push(input.subarray(at, at + n));
    at += n;
  }
  const ex = createExplainer({ threads: 1, ...options });
  const rows: ExplainRow[] = [];
  let report: ExplainReport | undefined;
  ex.on('report', (r: ExplainReport) => (report = r));
  ex.on('data', (r: ExplainRow) => rows.push(r));
  await pipeline(Readable.from(chunks), ex);
  return { rows, report: report! };
}

describe('explain: what is surprising', { concurrency: 2 }, () => {
  for (const seed of [1, 2, 3]) {
    test(`foreign lines in a generated log (seed ${seed}): all 5 among the top 10, one of them in the first 5 %`, () => {
      const log = plantedLog(seed, 3000);
      assert.equal(log.planted.length, FOREIGN.length);
      assert.ok(log.planted[0] <= 150, `one foreign line in the first 5 % (line ${log.planted[0]})`);
      const rows = explain(log.text, { top: 10 });
      assert.equal(rows.length, 10);
      const top = rows.map((r) => r.line);
      for (const line of log.planted) assert.ok(top.includes(line), `line ${line} in the top 10 (${top.join(', ')})`);
      // Most surprising first, with the row's fields consistent.
      for (let k = 1; k < rows.length; k++) assert.ok(rows[k - 1].score >= rows[k].score);
      const lines = log.text.split('\n');
      for (const r of rows) {
        assert.equal(r.offset, Buffer.byteLength(lines.slice(0, r.line - 1).map((l) => l + '\n').join('')));
        assert.ok(Math.abs(r.bitsPerByte - r.bits / (Buffer.byteLength(lines[r.line - 1]) + 1)) < 1e-9);
        assert.equal(r.text, escapeLine(Buffer.from(lines[r.line - 1]), 0, Buffer.byteLength(lines[r.line - 1]), 200));
      }
    });
  }

  test('the first lines of a log are not all at the top', () => {
    for (const seed of [4, 5]) {
      const rows = explain(usualLog(seed, 3000), { top: 10 });
      const early = rows.filter((r) => r.line <= 150).length;
      assert.ok(early <= 3, `${early} of the top 10 in the first 5 %: ${rows.map((r) => r.line).join(', ')}`);
    }
  });

  test('long lines are not favoured for being long', () => {
    // Every 10th line is a long one (1-3 KB) of a usual kind.
    const text = logWithLongLines(6, 3000, 10);
    const lines = text.split('\n');
    const rows = explain(text, { top: 20 });
    const long = rows.filter((r) => lines[r.line - 1].length > 300).length;
    assert.ok(long <= 4, `${long} long lines among the top 20 (10 % of the lines are long)`);
  });

  test('binary input: no crash, escaped rows', () => {
    const rng = new Rng(9);
    const data = Buffer.concat([rng.bytes(50000), Buffer.alloc(20000), rng.bytes(30000)]);
    const rows = explain(data, { top: 5, width: 60 });
    assert.ok(rows.length >= 1 && rows.length <= 5);
    for (const r of rows) {
      assert.ok(r.text.length <= 60, r.text);
      assert.ok(!/[\x00-\x08\x0a-\x1f\x7f]/.test(r.text), 'control bytes are escaped');
      assert.ok(Number.isFinite(r.bits) && r.bits > 0);
    }
    assert.deepEqual(explain(Buffer.alloc(0)), []);
  });

  test('.nnz input gives the same rows as the plain input; streamed in any chunks, the same again', async () => {
    const log = Buffer.from(plantedLog(7, 2000).text);
    const plain = explain(log, { top: 10 });
    assert.deepEqual(explain(compressSync(log), { top: 10 }), plain);
    assert.deepEqual(explain(compressSync(log, { level: 2 }), { top: 10 }), explain(log, { top: 10, level: 2 }));
    assert.deepEqual((await streamed(log, [1, 7, 4096, 65536, 13], { top: 10 })).rows, plain);
    assert.deepEqual((await streamed(compressSync(log), [3, 5000, 11], { top: 10 })).rows, plain);
  });

  test('lines longer than a sentence (64 KiB), lines without an end, escapes', () => {
    const rng = new Rng(3);
    const long = 'x'.repeat(70000) + rng.bytes(2000).toString('hex');
    const text = `${usualLog(1, 200)}${long}\n\tcafé \x01 \xff\n${usualLog(2, 50)}no end`;
    const input = Buffer.from(text, 'latin1');
    const rows = explain(input, { top: 300 });
    const lines = input.toString('latin1').split('\n');
    assert.equal(rows.length, lines.length);
    const byLine = new Map(rows.map((r) => [r.line, r]));
    const longRow = byLine.get(201)!;
    assert.ok(longRow.text.endsWith('…') && longRow.text.length === 200);
    assert.equal(byLine.get(202)!.text, '\\tcaf\\xe9 \\x01 \\xff');
    assert.equal(byLine.get(lines.length)!.text, 'no end');
    const sum = rows.reduce((s, r) => s + r.bits, 0);
    const ex = new Explainer({ top: 1 });
    ex.push(input);
    const report = ex.end();
    assert.ok(Math.abs(report.bits - sum) < 1e-6 * sum);
    assert.equal(report.lines, lines.length);
    assert.equal(report.bytes, input.length);
    assert.equal(escapeLine(Buffer.from('caf\xc3\xa9\r\n', 'latin1'), 0, 7, 10), 'café');
  });

  test('bounded: the report holds the top lines and their context, and a curve of at most 512 points', async () => {
    const log = Buffer.from(plantedLog(8, 3000).text);
    const { report } = await streamed(log, [4096], { top: 5, context: 2 });
    assert.equal(report.rows.length, 5);
    assert.ok(report.shown.length <= 5 * 5);
    for (const r of report.rows) {
      assert.ok(report.shown.some((l) => l.line === r.line - 2) || r.line <= 2);
      assert.ok(report.shown.some((l) => l.line === r.line + 2));
    }
    for (const l of report.shown) assert.equal(l.costs.length, l.head.length);
    assert.ok(report.curve.end.length >= 2 && report.curve.end.length <= 512);
    assert.equal(report.curve.end[report.curve.end.length - 1], log.length);
  });

  test('bad options and damaged .nnz input are errors', () => {
    assert.throws(() => explain('x', { top: 0 }), RangeError);
    const nnz = compressSync(plantedLog(1, 300).text);
    nnz[nnz.length >> 1] ^= 0x40;
    assert.throws(() => explain(nnz), /ERR_NNZIP|checksum|damaged|corrupt/i);
  });
});
