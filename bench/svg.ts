/** The learning-curve chart, drawn as plain SVG (no chart library). */

export interface CurvePoint {
  /** Input offset at the end of the window, bytes. */
  end: number;
  /** Bits per byte of this window. */
  bpb: number;
  /** Bits per byte of everything so far. */
  cumBpb: number;
}

export interface RefLine {
  label: string;
  bpb: number;
  color: string;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A "nice" tick step (1, 2 or 5 times a power of ten) giving about `n` ticks over `span`. */
function niceStep(span: number, n: number): number {
  const raw = span / n;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
}

export function learningCurveSvg(title: string, subtitle: string, points: CurvePoint[], refs: RefLine[], seriesLabel: string): string {
  const W = 860;
  const H = 500;
  const m = { l: 64, r: 24, t: 104, b: 56 };
  const pw = W - m.l - m.r;
  const ph = H - m.t - m.b;
  const xMax = points.length ? points[points.length - 1].end : 1;
  const yTop = Math.max(...points.map((p) => p.bpb), ...refs.map((r) => r.bpb), 0.1) * 1.08;
  const yStep = niceStep(yTop, 6);
  const yMax = Math.ceil(yTop / yStep) * yStep;
  const useMB = xMax >= 2 << 20;
  const xUnit = useMB ? 1 << 20 : 1024;
  const xStep = niceStep(xMax / xUnit, 8) * xUnit;
  const X = (v: number) => m.l + (v / xMax) * pw;
  const Y = (v: number) => m.t + ph - (v / yMax) * ph;
  const f = (v: number) => v.toFixed(1);
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="#ffffff"/>`,
    `<text x="${m.l}" y="24" font-size="16" font-weight="bold">${esc(title)}</text>`,
    `<text x="${m.l}" y="44" fill="#555">${esc(subtitle)}</text>`,
  );
  // Grid and axes.
  for (let v = 0; v <= yMax + 1e-9; v += yStep) {
    out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${f(Y(v))}" y2="${f(Y(v))}" stroke="#e5e5e5"/>`);
    out.push(`<text x="${m.l - 8}" y="${f(Y(v) + 4)}" text-anchor="end">${v.toFixed(yStep < 0.1 ? 2 : 1)}</text>`);
  }
  for (let v = 0; v <= xMax + 1e-9; v += xStep) {
    out.push(`<line x1="${f(X(v))}" x2="${f(X(v))}" y1="${m.t + ph}" y2="${m.t + ph + 5}" stroke="#333"/>`);
    out.push(`<text x="${f(X(v))}" y="${m.t + ph + 20}" text-anchor="middle">${+(v / xUnit).toFixed(2)}</text>`);
  }
  out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${m.t + ph}" y2="${m.t + ph}" stroke="#333"/>`);
  out.push(`<line x1="${m.l}" x2="${m.l}" y1="${m.t}" y2="${m.t + ph}" stroke="#333"/>`);
  out.push(`<text x="${m.l + pw / 2}" y="${H - 14}" text-anchor="middle">input position (${useMB ? 'MiB' : 'KiB'})</text>`);
  out.push(`<text transform="translate(18 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle">bits per byte (lower is better)</text>`);
  // Reference lines (whole-file averages of the other tools).
  for (const r of refs) {
    out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${f(Y(r.bpb))}" y2="${f(Y(r.bpb))}" stroke="${r.color}" stroke-width="1.5" stroke-dasharray="6 4"/>`);
  }
  // nnzip: per window, and cumulative.
  const cum = points.map((p) => `${f(X(p.end))},${f(Y(p.cumBpb))}`).join(' ');
  const win = points.map((p) => `${f(X(p.end))},${f(Y(p.bpb))}`).join(' ');
  out.push(`<polyline points="${cum}" fill="none" stroke="#9ecae1" stroke-width="2"/>`);
  out.push(`<polyline points="${win}" fill="none" stroke="#08519c" stroke-width="2"/>`);
  for (const p of points) out.push(`<circle cx="${f(X(p.end))}" cy="${f(Y(p.bpb))}" r="2.5" fill="#08519c"/>`);
  // Legend between the subtitle and the plot, two columns, so it never hides a line.
  const items: { label: string; color: string; dash: boolean }[] = [
    { label: `${seriesLabel}, per window`, color: '#08519c', dash: false },
    { label: `${seriesLabel}, cumulative`, color: '#9ecae1', dash: false },
    ...refs.map((r) => ({ label: `${r.label}, whole-file average (${r.bpb.toFixed(3)})`, color: r.color, dash: true })),
  ];
  items.forEach((it, i) => {
    const lx = m.l + (i % 2) * 380;
    const ly = 66 + Math.floor(i / 2) * 18;
    out.push(
      `<line x1="${lx}" x2="${lx + 28}" y1="${ly}" y2="${ly}" stroke="${it.color}" stroke-width="2"${it.dash ? ' stroke-dasharray="6 4"' : ''}/>`,
    );
    out.push(`<text x="${lx + 36}" y="${ly + 4}">${esc(it.label)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
