import { cpus } from 'node:os';
import { runLoad } from '../load/run-load';
import type { BenchResults, RowResult, SideResult } from '../report/results';
import { evaluateTargets } from '../report/targets';
import { ChildServer } from '../process/child-server';
import type { Scenario } from './scenarios';
import { median, pairedRatios, SideTally } from './side-tally';

export interface SuiteSettings {
  /** Rounds per server per row; they alternate, so drift falls on both alike. */
  readonly rounds: number;
  readonly roundMs: number;
  /** Load on each fresh server before measuring (JIT, socket buffers), not counted. */
  readonly warmupMs: number;
  readonly quick: boolean;
  /** Node flags for the framework servers only, e.g. --cpu-prof. */
  readonly frameworkNodeArgs?: readonly string[];
}

type Log = (line: string) => void;

const ratio = (framework: number, baseline: number) => framework / baseline;

/**
 * One row: both servers start fresh, each is warmed up, then measured rounds
 * run in the order hand-written, Weir, Weir, hand-written, ... (ABBA), which
 * cancels a steady drift (thermal, other load) as well as alternation can.
 */
export async function runScenario(scenario: Scenario, settings: SuiteSettings, log: Log): Promise<RowResult> {
  const servers: ChildServer[] = [];
  try {
    const started = await Promise.allSettled([
      ChildServer.start(scenario.baseline),
      ChildServer.start(scenario.framework, { nodeArgs: settings.frameworkNodeArgs }),
    ]);
    for (const result of started) if (result.status === 'fulfilled') servers.push(result.value);
    const failure = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failure) throw failure.reason;
    const [baseline, framework] = servers as [ChildServer, ChildServer];
    const sides = [
      { server: baseline, tally: new SideTally(scenario.baseline) },
      { server: framework, tally: new SideTally(scenario.framework) },
    ];
    const load = (port: number, durationMs: number) =>
      runLoad({ port, connections: scenario.connections, depth: scenario.depth, durationMs, streams: () => scenario.streams() });

    for (const side of sides) await load(side.server.port, settings.warmupMs);
    for (let round = 0; round < settings.rounds; round++) {
      const order = round % 2 === 0 ? sides : [...sides].reverse();
      const figures: string[] = [];
      for (const side of order) {
        const before = side.server.sample().cpuMs;
        const result = await load(side.server.port, settings.roundMs);
        side.tally.add(result, side.server.sample().cpuMs - before);
        figures.push(`${side.server.kind} ${Math.round(result.requests / (result.elapsedMs / 1000)).toLocaleString('en-US')}/s`);
      }
      log(`  ${scenario.title}  round ${round + 1}/${settings.rounds}: ${figures.join(', ')}`);
    }
    const [base, fw] = sides.map((side) => side.tally.summary(side.server.sample().peakRssKb)) as [SideResult, SideResult];
    const throughputRounds = pairedRatios(fw.roundRequestsPerSec, base.roundRequestsPerSec);
    return {
      id: scenario.id,
      group: scenario.group,
      title: scenario.title,
      payloadBytes: scenario.payloadBytes,
      connections: scenario.connections,
      depth: scenario.depth,
      baseline: base,
      framework: fw,
      ratios: {
        throughput: median(throughputRounds),
        p99: median(pairedRatios(fw.roundP99Us, base.roundP99Us)),
        throughputPooled: ratio(fw.requestsPerSec, base.requestsPerSec),
        p99Pooled: ratio(fw.p99Us, base.p99Us),
        p50: ratio(fw.p50Us, base.p50Us),
        cpuPerRequest: ratio(fw.serverCpuUsPerRequest, base.serverCpuUsPerRequest),
        peakRss: ratio(fw.peakRssMb, base.peakRssMb),
        throughputRounds,
      },
    };
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

export async function runSuite(scenarios: readonly Scenario[], settings: SuiteSettings, log: Log): Promise<BenchResults> {
  const rows: RowResult[] = [];
  for (const scenario of scenarios) {
    log(`${scenario.title}: ${scenario.baseline} vs ${scenario.framework}`);
    rows.push(await runScenario(scenario, settings, log));
  }
  const cpuList = cpus();
  return {
    version: 1,
    createdAt: new Date().toISOString(),
    quick: settings.quick,
    machine: {
      cpus: cpuList.length,
      cpuModel: cpuList[0]?.model.trim() ?? 'unknown',
      node: process.version,
      platform: `${process.platform}-${process.arch}`,
    },
    settings: { rounds: settings.rounds, roundMs: settings.roundMs, warmupMs: settings.warmupMs },
    rows,
    targets: evaluateTargets(rows),
  };
}
