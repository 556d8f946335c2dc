import { LatencyHistogram } from '../load/latency-histogram';
import type { LoadResult } from '../load/run-load';
import type { SideResult } from '../report/results';
import type { ServerKind } from '../servers/server-kinds';

/** One server's rounds of a row, added up: alternated rounds merge into one figure per side. */
export class SideTally {
  private requests = 0;
  private bytes = 0;
  private elapsedMs = 0;
  private serverCpuMs = 0;
  private clientCpuMs = 0;
  private readonly latencies = new LatencyHistogram();
  private readonly rounds: number[] = [];
  private readonly roundP99: number[] = [];

  constructor(readonly server: ServerKind) {}

  add(round: LoadResult, serverCpuMs: number): void {
    this.requests += round.requests;
    this.bytes += round.bytes;
    this.elapsedMs += round.elapsedMs;
    this.serverCpuMs += serverCpuMs;
    this.clientCpuMs += round.clientCpuMs;
    this.latencies.merge(round.latencies);
    this.rounds.push(round.requests / (round.elapsedMs / 1000));
    this.roundP99.push(round.latencies.percentile(99));
  }

  summary(peakRssKb: number): SideResult {
    const seconds = this.elapsedMs / 1000;
    return {
      server: this.server,
      requests: this.requests,
      requestsPerSec: this.requests / seconds,
      mbPerSec: this.bytes / seconds / 1e6,
      p50Us: this.latencies.percentile(50),
      p99Us: this.latencies.percentile(99),
      serverCpuUsPerRequest: (this.serverCpuMs * 1000) / this.requests,
      clientCpuShare: this.clientCpuMs / this.elapsedMs,
      peakRssMb: peakRssKb / 1024,
      roundRequestsPerSec: this.rounds,
      roundP99Us: this.roundP99,
    };
  }
}

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** framework[i] / baseline[i] for each round i. */
export function pairedRatios(framework: readonly number[], baseline: readonly number[]): number[] {
  return framework.map((value, i) => value / baseline[i]);
}
