import type { BenchResults, RowResult } from './results';
import { ECHO_THROUGHPUT_MIN, JSONL_THROUGHPUT_MIN, P99_MAX } from './targets';

const WIDTH = 1040;
const LABEL_WIDTH = 200;
const PLOT_WIDTH = 520;
const BAR_HEIGHT = 14;
const ROW_HEIGHT = 46;
const TOP = 92;
const COLORS = { throughput: '#2f6fb0', p99: '#d9822b', grid: '#c8c8c8', text: '#222222', muted: '#666666' };

/** Text for XML: the five characters with meaning escaped. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

const num = (n: number) => (Number.isFinite(n) ? Number(n.toFixed(2)) : 0);

function text(x: number, y: number, content: string, attrs = ''): string {
  return `<text x="${num(x)}" y="${num(y)}"${attrs ? ' ' + attrs : ''}>${escapeXml(content)}</text>`;
}

function throughputTarget(row: RowResult): number | undefined {
  if (row.group === 'echo' && row.payloadBytes === 16 * 1024 && row.connections === 50) return ECHO_THROUGHPUT_MIN;
  if (row.group === 'jsonl' && row.depth === 16) return JSONL_THROUGHPUT_MIN;
  return undefined;
}

/**
 * A horizontal bar chart of the ratios, Weir ÷ hand-written, per pair: one bar
 * for throughput (higher is better) and one for p99 latency (lower is better),
 * with the parity line at 1× and tick marks at each target. Written by hand,
 * element by element: no chart library, and the same JSON always gives the same bytes.
 */
export function renderSvg(results: BenchResults): string {
  const ratios = results.rows.flatMap((row) => [row.ratios.throughput, row.ratios.p99]).filter(Number.isFinite);
  const scaleMax = Math.max(1.6, Math.ceil((Math.max(0, ...ratios) + 0.1) * 5) / 5);
  const x = (ratio: number) => LABEL_WIDTH + (Math.min(Math.max(ratio, 0), scaleMax) / scaleMax) * PLOT_WIDTH;
  const height = TOP + results.rows.length * ROW_HEIGHT + 56;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" ` +
      `font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<rect x="0" y="0" width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    text(16, 26, 'Weir vs hand-written node:net — ratio Weir ÷ hand-written', `font-size="16" font-weight="bold" fill="${COLORS.text}"`),
    text(
      16,
      46,
      `${results.machine.cpus} CPUs (${results.machine.cpuModel}), Node ${results.machine.node}, ` +
        `${results.settings.rounds} alternating rounds × ${results.settings.roundMs} ms per server${results.quick ? ' (quick run)' : ''}, ${results.createdAt}`,
      `fill="${COLORS.muted}"`,
    ),
  );
  // Legend.
  out.push(
    `<rect x="16" y="58" width="12" height="12" fill="${COLORS.throughput}"/>`,
    text(34, 68, 'throughput (higher is better)', `fill="${COLORS.text}"`),
    `<rect x="230" y="58" width="12" height="12" fill="${COLORS.p99}"/>`,
    text(248, 68, 'p99 latency (lower is better)', `fill="${COLORS.text}"`),
    text(460, 68, '| = target', `fill="${COLORS.text}"`),
  );
  // Grid: a line every 0.2×, the parity line at 1× drawn darker.
  const bottom = TOP + results.rows.length * ROW_HEIGHT;
  for (let step = 0; step <= Math.round(scaleMax * 5); step++) {
    const ratio = step / 5;
    const gx = x(ratio);
    const parity = step === 5;
    out.push(
      `<line x1="${num(gx)}" y1="${TOP - 6}" x2="${num(gx)}" y2="${bottom}" stroke="${parity ? '#555555' : COLORS.grid}" stroke-width="${parity ? 1.5 : 0.5}"/>`,
      text(gx, bottom + 16, `${ratio.toFixed(1)}×`, `text-anchor="middle" fill="${COLORS.muted}"`),
    );
  }
  results.rows.forEach((row, index) => {
    const y = TOP + index * ROW_HEIGHT;
    out.push(text(LABEL_WIDTH - 10, y + BAR_HEIGHT + 4, row.title, `text-anchor="end" fill="${COLORS.text}"`));
    const bars: Array<[number, string, number, number | undefined, string]> = [
      [row.ratios.throughput, COLORS.throughput, y, throughputTarget(row), `${Math.round(row.framework.requestsPerSec).toLocaleString('en-US')} vs ${Math.round(row.baseline.requestsPerSec).toLocaleString('en-US')} req/s`],
      [row.ratios.p99, COLORS.p99, y + BAR_HEIGHT + 2, P99_MAX, `p99 ${Math.round(row.framework.p99Us)} vs ${Math.round(row.baseline.p99Us)} µs`],
    ];
    for (const [ratio, color, by, target, detail] of bars) {
      const width = x(ratio) - LABEL_WIDTH;
      out.push(`<rect x="${LABEL_WIDTH}" y="${by}" width="${num(width)}" height="${BAR_HEIGHT}" fill="${color}"/>`);
      if (target !== undefined) {
        out.push(`<line x1="${num(x(target))}" y1="${by - 2}" x2="${num(x(target))}" y2="${by + BAR_HEIGHT + 2}" stroke="#000000" stroke-width="2"/>`);
      }
      const label = Number.isFinite(ratio) ? `${ratio.toFixed(2)}×  ${detail}` : 'n/a';
      out.push(text(LABEL_WIDTH + PLOT_WIDTH + 8, by + BAR_HEIGHT - 3, label, `fill="${COLORS.text}" font-size="11"`));
    }
  });
  const met = results.targets.filter((t) => t.met).length;
  out.push(
    text(16, height - 14, `Targets met: ${met} of ${results.targets.length}`, `fill="${COLORS.text}"`),
    text(
      LABEL_WIDTH,
      height - 14,
      'Bars: median of the per-round ratios. Figures beside them: Weir vs hand-written over all rounds.',
      `fill="${COLORS.muted}" font-size="11"`,
    ),
    '</svg>',
  );
  return out.join('\n') + '\n';
}
