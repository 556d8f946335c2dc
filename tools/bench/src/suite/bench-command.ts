import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { killAllServers } from '../process/child-server';
import { workspaceRoot } from '../process/workspace';
import { renderSvg } from '../report/svg-chart';
import { formatTable, formatTargets } from '../report/table';
import { BENCH_USAGE, parseBenchOptions, type BenchOptions } from './bench-options';
import { runSuite } from './run-suite';
import { defaultScenarios, type Scenario } from './scenarios';

/** Seconds a server takes to start and stop, on top of its rounds, for the time estimate. */
const START_STOP_S = 1;

const say = (line: string) => process.stdout.write(`${line}\n`);

function pick(options: BenchOptions): Scenario[] {
  const all = defaultScenarios();
  if (options.only.length === 0) return all;
  return all.filter((s) => options.only.some((text) => s.id.includes(text) || s.title.includes(text)));
}

/**
 * However the run ends (done, failed, Ctrl-C, a hang past the deadline) the
 * servers it started are killed by PID; a hard kill of the bench itself is
 * covered by the servers watching their stdin (process/parent-watch.ts).
 */
function guard(deadlineS: number): void {
  process.on('exit', killAllServers);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAllServers();
      process.stderr.write(`bench: stopped by ${signal}\n`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
  setTimeout(() => {
    killAllServers();
    process.stderr.write(`bench: still running after ${deadlineS} s, well past its estimate: giving up\n`);
    process.exit(1);
  }, deadlineS * 1000).unref();
}

/** `npm run bench`: resolves to the exit status. */
export async function benchCommand(argv: readonly string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    process.stderr.write(`bench: ${(error as Error).message}\n\n${BENCH_USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  const scenarios = pick(options);
  if (scenarios.length === 0) {
    process.stderr.write(`bench: no pair matches --only ${options.only.join(',')}\n`);
    return 2;
  }
  const perRow = (2 * options.warmupMs + 2 * options.rounds * options.roundMs) / 1000 + 2 * START_STOP_S;
  const estimateS = Math.ceil(scenarios.length * perRow);
  guard(estimateS * 2 + 60);
  const root = workspaceRoot();
  const profileDir = join(root, 'tmp', 'bench-profiles');
  if (options.profile) mkdirSync(profileDir, { recursive: true });
  say(
    `bench: ${scenarios.length} pairs, ${options.rounds} rounds × ${options.roundMs} ms per server, alternating; about ${estimateS} s`,
  );

  const results = await runSuite(
    scenarios,
    {
      rounds: options.rounds,
      roundMs: options.roundMs,
      warmupMs: options.warmupMs,
      quick: options.quick,
      frameworkNodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : undefined,
    },
    say,
  );

  say('');
  say(formatTable(results));
  say('');
  say('"h/w" columns: hand-written / Weir, over all rounds. ratio and p99 ×: Weir ÷ hand-written, the median of the');
  say('per-round ratios ("rounds": the lowest and highest). CPU ×: server CPU time per request, Weir ÷ hand-written.');
  say(formatTargets(results));
  if (options.write) {
    const dir = join(root, 'tools', 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const jsonPath = join(dir, `${options.out}.json`);
    const svgPath = join(dir, `${options.out}.svg`);
    writeFileSync(jsonPath, `${JSON.stringify(results, null, 2)}\n`);
    writeFileSync(svgPath, renderSvg(results));
    say(`\nwrote ${relative(root, jsonPath)} and ${relative(root, svgPath)}`);
  }
  if (options.profile) say(`profiles of the Weir servers: ${relative(root, profileDir)}/`);
  const missed = results.targets.filter((t) => !t.met).length;
  return options.strict && missed > 0 ? 1 : 0;
}
