import type { RowResult, TargetResult } from './results';

/** Framework throughput as a share of hand-written, at least. */
export const ECHO_THROUGHPUT_MIN = 0.9;
export const JSONL_THROUGHPUT_MIN = 0.8;
/** Framework p99 latency as a multiple of hand-written, at most. */
export const P99_MAX = 1.5;

/**
 * The goals the framework is held to: echo at 16 KiB with 50 connections,
 * request/response with 16 in flight on 50 connections, and p99 on every row.
 */
export function evaluateTargets(rows: readonly RowResult[]): TargetResult[] {
  const targets: TargetResult[] = [];
  const min = (row: RowResult, limit: number, description: string) =>
    targets.push({
      id: `${row.id}:throughput`,
      description,
      rowId: row.id,
      metric: 'throughput',
      bound: 'min',
      limit,
      ratio: row.ratios.throughput,
      met: row.ratios.throughput >= limit,
    });
  for (const row of rows) {
    if (row.group === 'echo' && row.payloadBytes === 16 * 1024 && row.connections === 50) {
      min(row, ECHO_THROUGHPUT_MIN, `${row.title}: throughput >= ${ECHO_THROUGHPUT_MIN}x hand-written`);
    }
    if (row.group === 'jsonl' && row.connections === 50 && row.depth === 16) {
      min(row, JSONL_THROUGHPUT_MIN, `${row.title}: throughput >= ${JSONL_THROUGHPUT_MIN}x hand-written`);
    }
  }
  for (const row of rows) {
    targets.push({
      id: `${row.id}:p99`,
      description: `${row.title}: p99 <= ${P99_MAX}x hand-written`,
      rowId: row.id,
      metric: 'p99',
      bound: 'max',
      limit: P99_MAX,
      ratio: row.ratios.p99,
      met: row.ratios.p99 <= P99_MAX,
    });
  }
  return targets;
}
