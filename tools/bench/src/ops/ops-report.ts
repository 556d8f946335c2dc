import { formatColumns } from '../report/table';
import type { FanoutBenchResult } from './fanout-bench';
import type { IdleResult } from './idle-bench';

/** Weir's extra memory per idle connection over node:net's, in KiB. */
export const OVERHEAD_TARGET_KIB = 4;
/** Fan-out delivery latency, 99th percentile. */
export const FANOUT_P99_TARGET_MS = 20;

const whole = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
const fixed = (n: number, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '-');
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');

export function idleTable(results: readonly IdleResult[]): string {
  const baseline = results.find((r) => r.server === 'node:net');
  const rows = results.map((r) => {
    const overhead = baseline && r !== baseline ? r.kibPerConnection - baseline.kibPerConnection : Number.NaN;
    return [
      r.server,
      whole(r.connections),
      fixed(r.connectSeconds, 1),
      fixed(r.baseRssKb / 1024, 1),
      fixed(r.loadedRssKb / 1024, 1),
      fixed(r.kibPerConnection),
      Number.isNaN(overhead) ? '-' : fixed(overhead),
      Number.isNaN(overhead) ? '' : `${verdict(overhead <= OVERHEAD_TARGET_KIB)} (≤ ${OVERHEAD_TARGET_KIB})`,
    ];
  });
  return formatColumns(['server', 'idle conns', 'connect s', 'RSS MB idle', 'RSS MB loaded', 'KiB/conn', 'over node:net', 'target'], rows);
}

export function fanoutTable(results: readonly FanoutBenchResult[]): string {
  const rows = results.flatMap((r) => {
    const paced = r.paced;
    const target = r.server === 'chat' ? `${verdict(paced.p99Ms < FANOUT_P99_TARGET_MS)} (p99 < ${FANOUT_P99_TARGET_MS} ms)` : '';
    return [
      [
        `${r.server} paced ${whole(paced.sent)}`,
        whole(r.members),
        `${whole(paced.delivered)} / ${whole(paced.sent * r.members)}`,
        fixed(paced.p50Ms),
        fixed(paced.p99Ms),
        fixed(paced.maxMs, 1),
        whole(paced.deliveriesPerSec),
        `${whole(r.serverCpuSharePaced * 100)}% of a core`,
        fixed(paced.clientLagP99Ms, 1),
        target,
      ],
      [
        `${r.server} burst ${whole(r.burst.sent)}`,
        whole(r.members),
        `${whole(r.burst.delivered)} / ${whole(r.burst.sent * r.members)}`,
        '-',
        '-',
        '-',
        whole(r.burst.deliveriesPerSec),
        `${fixed(r.serverCpuUsPerDelivery)} µs/line`,
        '-',
        '',
      ],
    ];
  });
  return formatColumns(['fan-out', 'members', 'delivered', 'p50 ms', 'p99 ms', 'max ms', 'lines/s', 'server CPU', 'client lag p99', 'target'], rows);
}
