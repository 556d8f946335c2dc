import type { BenchResults, SideResult } from './results';

/** Plain text columns: the first left-aligned, the rest right-aligned (they are numbers). */
export function formatColumns(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

const whole = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

/** "hand-written / Weir" for one figure. */
function pair(base: SideResult, fw: SideResult, pick: (side: SideResult) => number, format: (n: number) => string = whole): string {
  return `${format(pick(base))} / ${format(pick(fw))}`;
}

/**
 * The results as a table: one row per pair. "h/w" columns show hand-written /
 * Weir; ratios are Weir ÷ hand-written, throughput and p99 as the median of
 * the per-round ratios, with the lowest and highest round beside it.
 */
export function formatTable(results: BenchResults): string {
  const header = [
    'pair',
    'hand req/s',
    'weir req/s',
    'ratio',
    'rounds',
    'MB/s h/w',
    'p50 µs h/w',
    'p99 µs h/w',
    'p99 ×',
    'CPU µs/req h/w',
    'CPU ×',
    'client CPU h/w',
    'RSS MB h/w',
  ];
  const rows = results.rows.map((row) => {
    const rounds = row.ratios.throughputRounds;
    return [
      row.title,
      whole(row.baseline.requestsPerSec),
      whole(row.framework.requestsPerSec),
      fixed(row.ratios.throughput, 2),
      rounds.length > 0 ? `${fixed(Math.min(...rounds), 2)}–${fixed(Math.max(...rounds), 2)}` : '-',
      pair(row.baseline, row.framework, (s) => s.mbPerSec, (n) => fixed(n, 1)),
      pair(row.baseline, row.framework, (s) => s.p50Us),
      pair(row.baseline, row.framework, (s) => s.p99Us),
      fixed(row.ratios.p99, 2),
      pair(row.baseline, row.framework, (s) => s.serverCpuUsPerRequest, (n) => fixed(n, 1)),
      fixed(row.ratios.cpuPerRequest, 2),
      pair(row.baseline, row.framework, (s) => s.clientCpuShare * 100, (n) => `${whole(n)}%`),
      pair(row.baseline, row.framework, (s) => s.peakRssMb),
    ];
  });
  return formatColumns(header, rows);
}

/** One line per target, met or missed. */
export function formatTargets(results: BenchResults): string {
  return results.targets
    .map((t) => `${t.met ? 'met   ' : 'MISSED'}  ${t.description}: ${fixed(t.ratio, 2)}x`)
    .join('\n');
}
