import type { ServerKind } from '../servers/server-kinds';

/** The JSON the bench writes (results/latest.json); the SVG and the table are drawn from it. */
export interface BenchResults {
  readonly version: 1;
  readonly createdAt: string;
  readonly quick: boolean;
  readonly machine: {
    readonly cpus: number;
    readonly cpuModel: string;
    readonly node: string;
    readonly platform: string;
  };
  readonly settings: { readonly rounds: number; readonly roundMs: number; readonly warmupMs: number };
  readonly rows: readonly RowResult[];
  readonly targets: readonly TargetResult[];
}

export interface SideResult {
  readonly server: ServerKind;
  /** Requests answered (and checked) while loaded, over all rounds. */
  readonly requests: number;
  readonly requestsPerSec: number;
  /** Request bytes per second; replies carry as many the other way. */
  readonly mbPerSec: number;
  readonly p50Us: number;
  readonly p99Us: number;
  /** Server CPU time (user + system) per request answered. */
  readonly serverCpuUsPerRequest: number;
  /** Share of one core the load generator used: near 1 means it, not the server, may be the limit. */
  readonly clientCpuShare: number;
  /** VmHWM of the server process over the row's whole life. */
  readonly peakRssMb: number;
  /** Requests per second of each round, in the order run. */
  readonly roundRequestsPerSec: readonly number[];
  /** p99 of each round, in the order run. */
  readonly roundP99Us: readonly number[];
}

export interface RowResult {
  readonly id: string;
  readonly group: 'echo' | 'jsonl';
  readonly title: string;
  readonly payloadBytes: number;
  readonly connections: number;
  readonly depth: number;
  readonly baseline: SideResult;
  readonly framework: SideResult;
  /**
   * Framework divided by hand-written. Throughput and p99 are the median of
   * the per-round ratios (each round of one server beside the same round of
   * the other), which a burst of outside load in one round cannot swing; the
   * pooled figures divide the totals over all rounds.
   */
  readonly ratios: {
    readonly throughput: number;
    readonly p99: number;
    readonly throughputPooled: number;
    readonly p99Pooled: number;
    readonly p50: number;
    readonly cpuPerRequest: number;
    readonly peakRss: number;
    /** Throughput ratio of each round, in the order run. */
    readonly throughputRounds: readonly number[];
  };
}

export interface TargetResult {
  readonly id: string;
  readonly description: string;
  readonly rowId: string;
  readonly metric: 'throughput' | 'p99';
  /** Throughput targets are minimums, latency targets maximums. */
  readonly bound: 'min' | 'max';
  readonly limit: number;
  readonly ratio: number;
  readonly met: boolean;
}
