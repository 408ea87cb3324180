/**
 * `nnzip --explain[=N] [--html] [FILE]...`: each input (plain or .nnz, told
 * apart by the magic) goes through the explainer, in bounded memory; the rows
 * go to standard output, as text or (--html) as one HTML page. No archive is
 * written. Loaded only when --explain is given.
 */
import * as fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { resolveCompressOptions } from '../options';
import type { Session } from '../cli/session';
import { systemMessage } from '../cli/session';
import { createExplainer } from './api';
import type { ExplainReport, ExplainRow } from './explainer';

/** Lines of context around each top line in the HTML report. */
const HTML_CONTEXT = 3;

export async function explainAll(s: Session, files: string[]): Promise<number> {
  if (files.length === 0) files = ['-'];
  if (s.o.html && files.length > 1) {
    s.error(null, '--explain --html takes one input');
    return s.status;
  }
  for (const f of files) {
    const name = f === '-' ? 'stdin' : f;
    let report: ExplainReport;
    try {
      report = await explainOne(s, f);
    } catch (err) {
      s.error(name, systemMessage(err));
      continue;
    }
    if (s.o.html) {
      const { renderHtml } = require('./html') as typeof import('./html');
      process.stdout.write(renderHtml(report, name));
    } else {
      if (files.length > 1) process.stdout.write(`==> ${name} <==\n`);
      process.stdout.write(formatRows(report.rows));
    }
  }
  return s.status;
}

async function explainOne(s: Session, f: string): Promise<ExplainReport> {
  let source: Readable;
  let size: number | undefined;
  if (f === '-') {
    source = process.stdin;
    try {
      const st = fs.fstatSync(0);
      if (st.isFile()) size = st.size;
    } catch {
      // reading will tell
    }
  } else {
    const fd = fs.openSync(f, 'r');
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) {
      fs.closeSync(fd);
      throw Object.assign(new Error('is a directory'), { code: 'EISDIR', errno: -21 });
    }
    if (st.isFile()) size = st.size;
    source = fs.createReadStream('', { fd, highWaterMark: 1 << 16 });
  }
  // A plain input is explained with the model `nnzip FILE` would compress it with (tables sized by the input).
  const { params } = resolveCompressOptions({ level: s.o.level, sizeHint: size });
  const explainer = createExplainer({
    top: s.o.explain,
    level: params.level,
    tableBits: params.tableBits,
    context: s.o.html ? HTML_CONTEXT : 0,
    threads: s.o.threads,
  });
  let report: ExplainReport | null = null;
  explainer.on('report', (r: ExplainReport) => (report = r));
  explainer.resume(); // the rows are in the report
  await pipeline(source, explainer);
  return report!;
}

/** The rows as a table: line, bits, bits per byte, score, the line. */
export function formatRows(rows: readonly ExplainRow[]): string {
  const lineWidth = Math.max(4, ...rows.map((r) => String(r.line).length));
  const bitsWidth = Math.max(4, ...rows.map((r) => r.bits.toFixed(1).length));
  let out = `${'line'.padStart(lineWidth)}  ${'bits'.padStart(bitsWidth)}  bits/B  score  text\n`;
  for (const r of rows) {
    out += `${String(r.line).padStart(lineWidth)}  ${r.bits.toFixed(1).padStart(bitsWidth)}  ${r.bitsPerByte.toFixed(2).padStart(6)}  ${r.score.toFixed(1).padStart(5)}  ${r.text}\n`;
  }
  return out;
}
