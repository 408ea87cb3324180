/**
 * --explain --html: the report as one self-contained page (inline CSS, SVG
 * and a few lines of script; nothing fetched): the most surprising lines
 * with links into the text, the text around them shaded by what each byte
 * cost the model, and the learning curve. Its size is bounded whatever the
 * input's: only the top lines and their context are shown.
 */
import { escapePieces } from './escape';
import type { ExplainReport, ReportLine } from './explainer';

/** Shades: a byte's cost in bits, 0 to 8+, in SHADES steps. */
const SHADES = 9;

function html(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function shade(bits: number): number {
  return Math.max(0, Math.min(SHADES - 1, Math.floor(bits)));
}

/** A line's text in spans of equal shade. */
function shadedText(l: ReportLine): string {
  let out = '';
  let run = '';
  let runShade = -1;
  for (const p of escapePieces(l.head, 0, l.head.length)) {
    let bits = 0;
    for (let k = 0; k < p.length; k++) bits += l.costs[p.start + k] ?? 0;
    const s = shade(bits / p.length);
    if (s !== runShade && run !== '') {
      out += `<span class="c${runShade}">${html(run)}</span>`;
      run = '';
    }
    runShade = s;
    run += p.text;
  }
  if (run !== '') out += `<span class="c${runShade}">${html(run)}</span>`;
  if (l.bytes > l.head.length) out += '<span class="cut">…</span>';
  return out;
}

function curveSvg(report: ExplainReport, tops: ReadonlyMap<number, number>): string {
  const W = 900;
  const H = 150;
  const left = 44;
  const right = 40;
  const bottom = 24;
  const { end, bitsPerByte } = report.curve;
  if (end.length === 0) return '<p>No input.</p>';
  const total = end[end.length - 1];
  // The first points (an untrained model) would flatten the rest: the scale follows the input after its first tenth.
  const later = bitsPerByte.slice(Math.floor(bitsPerByte.length / 10));
  const maxY = Math.max(1, Math.ceil(Math.max(...later) * 1.2));
  const x = (offset: number): number => left + ((W - left - right) * offset) / total;
  const y = (bpb: number): number => 8 + (H - bottom - 8) * (1 - bpb / maxY);
  const points = bitsPerByte.map((b, k) => `${x(end[k]).toFixed(1)},${y(Math.min(b, maxY)).toFixed(1)}`).join(' ');
  let grid = '';
  for (let v = 0; v <= maxY; v += maxY > 6 ? 2 : 1) {
    grid += `<line x1="${left}" x2="${W - right}" y1="${y(v)}" y2="${y(v)}" class="grid"/><text x="${left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`;
  }
  const unit = total >= 1 << 20 ? ['MB', 1e6] : ['KB', 1e3];
  for (let k = 0; k <= 4; k++) {
    const off = (total * k) / 4;
    grid += `<text x="${x(off)}" y="${H - 6}" text-anchor="middle">${(off / (unit[1] as number)).toFixed(off === 0 ? 0 : 1)} ${unit[0]}</text>`;
  }
  let marks = '';
  for (const l of report.shown) {
    const rank = tops.get(l.line);
    if (rank === undefined) continue;
    marks += `<a href="#L${l.line}"><line x1="${x(l.offset)}" x2="${x(l.offset)}" y1="${y(maxY)}" y2="${H - bottom}" class="mark"><title>#${rank}: line ${l.line}</title></line></a>`;
  }
  return `<svg id="curve" viewBox="0 0 ${W} ${H}" width="100%" role="img" aria-label="bits per byte over the input">${grid}${marks}<polyline points="${points}" class="curve"/><text x="${W - right}" y="18" text-anchor="end">bits/byte${bitsPerByte.some((b) => b > maxY) ? ` (the first points cut at ${maxY})` : ''}</text></svg>`;
}

export function renderHtml(report: ExplainReport, name: string): string {
  const tops = new Map<number, number>();
  report.rows.forEach((r, k) => tops.set(r.line, k + 1));
  const bpb = report.bytes > 0 ? report.bits / report.bytes : 0;

  let table = '';
  report.rows.forEach((r, k) => {
    table += `<tr><td>${k + 1}</td><td><a href="#L${r.line}">${r.line}</a></td><td>${r.bits.toFixed(1)}</td><td>${r.bitsPerByte.toFixed(2)}</td><td>${r.score.toFixed(1)}</td><td class="text" title="${html(r.text)}">${html(r.text)}</td></tr>\n`;
  });

  let text = '';
  let previous = 0;
  for (const l of report.shown) {
    if (previous !== 0 && l.line > previous + 1) text += `<div class="gap">⋯ ${l.line - previous - 1} lines ⋯</div>\n`;
    else if (previous === 0 && l.line > 1) text += `<div class="gap">⋯ ${l.line - 1} lines ⋯</div>\n`;
    const rank = tops.get(l.line);
    const cls = rank === undefined ? 'ln' : 'ln top';
    const badge = rank === undefined ? '' : `<span class="rank">#${rank}</span>`;
    const title = `line ${l.line}: ${l.bits.toFixed(1)} bits, ${(l.bits / l.bytes).toFixed(2)} bits/byte, score ${l.score.toFixed(1)}`;
    text += `<div class="${cls}" id="L${l.line}" title="${html(title)}"><a class="no" href="#L${l.line}">${l.line}</a>${badge}<span class="t">${shadedText(l)}</span></div>\n`;
    previous = l.line;
  }
  if (previous !== 0 && previous < report.lines) text += `<div class="gap">⋯ ${report.lines - previous} lines ⋯</div>\n`;

  let legend = '';
  for (let s = 0; s < SHADES; s++) legend += `<span class="c${s}">${s}${s === SHADES - 1 ? '+' : ''}</span>`;
  let shades = '';
  for (let s = 0; s < SHADES; s++) {
    // From white to red as a byte costs more.
    const a = (s / (SHADES - 1)) * 0.85;
    shades += `.c${s}{background:rgba(220,40,30,${a.toFixed(3)})}`;
  }

  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>nnzip --explain: ${html(name)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:1.5em auto;max-width:1100px;padding:0 1em;color:#222}
h1{font-size:1.3em}h2{font-size:1.1em;margin-top:1.6em}
table{border-collapse:collapse;width:100%}td,th{padding:2px 8px;text-align:right;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f4f4f4}td.text{text-align:left;font-family:ui-monospace,monospace;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:0;width:70%}
#text{font-family:ui-monospace,monospace;font-size:13px;border:1px solid #ddd;padding:4px 0}
.ln{white-space:pre-wrap;word-break:break-all;padding:0 6px}.ln .no{display:inline-block;min-width:5em;color:#999;text-decoration:none}
.ln.top{outline:2px solid #c22;background:#fff6d6;margin:2px 0}.ln:target{box-shadow:0 0 0 3px #36c}
.rank{background:#c22;color:#fff;border-radius:3px;padding:0 4px;margin-right:6px;font-size:11px}
.gap{color:#999;text-align:center;background:#fafafa;font-size:12px}.cut{color:#999}
${shades}
.legend span{display:inline-block;width:2.2em;text-align:center;font-family:ui-monospace,monospace}
svg text{font-size:11px;fill:#555}.grid{stroke:#eee}.curve{fill:none;stroke:#2a6;stroke-width:1.5}.mark{stroke:#c22;stroke-width:2;opacity:.6}
</style>
</head>
<body>
<h1>nnzip --explain: ${html(name)}</h1>
<p>${report.lines} lines, ${report.bytes} bytes, ${bpb.toFixed(3)} bits per byte overall (model ${report.modelId}, level ${report.level}).
A line's <b>score</b> is how many bits it cost beyond what a line of its kind (its template: the line with numbers masked) costs at that point of the input, per square root of its length: a surprise, not merely an early or a long line.</p>
<h2>The ${report.rows.length} most surprising lines</h2>
<table id="top"><thead><tr><th>#</th><th>line</th><th>bits</th><th>bits/byte</th><th>score</th><th style="text-align:left">text</th></tr></thead>
<tbody>
${table}</tbody></table>
<h2>Learning curve</h2>
<p>Bits per byte the model spent over the input; red marks: the top lines.</p>
${curveSvg(report, tops)}
<h2>The text around them</h2>
<p class="legend">Each byte shaded by its cost in bits: ${legend}. Keys <kbd>n</kbd> / <kbd>p</kbd>: next / previous top line.</p>
<div id="text">
${text}</div>
<script>
(function(){var tops=[].slice.call(document.querySelectorAll('.ln.top')).sort(function(a,b){return a.offsetTop-b.offsetTop}),at=-1;
document.addEventListener('keydown',function(e){if(e.key!=='n'&&e.key!=='p'||!tops.length)return;at=e.key==='n'?Math.min(at+1,tops.length-1):Math.max(at-1,0);location.hash=tops[at].id;});})();
</script>
</body>
</html>
`;
}
