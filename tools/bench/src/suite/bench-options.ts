import { parseArgs } from 'node:util';

export interface BenchOptions {
  readonly quick: boolean;
  readonly rounds: number;
  readonly roundMs: number;
  readonly warmupMs: number;
  /** Only rows whose id or title contains one of these (comma-separated on the command line). */
  readonly only: readonly string[];
  /** Base name of the files written under tools/bench/results/. */
  readonly out: string;
  readonly write: boolean;
  /** Run the framework servers under --cpu-prof, profiles in tmp/bench-profiles/. */
  readonly profile: boolean;
  /** Exit 1 when a target is missed (by default the run reports and exits 0). */
  readonly strict: boolean;
  readonly help: boolean;
}

export const BENCH_USAGE = `Usage: npm run bench -- [flags]

Runs each pair (hand-written node:net server vs the same service on Weir) in
alternating rounds, prints a table of ratios and writes
tools/bench/results/<out>.json and <out>.svg.

  --quick            about 30 s: 2 short rounds per server (writes quick.json/.svg)
  --rounds N         measured rounds per server per pair (default 6)
  --round-ms MS      length of one round (default 1500)
  --warmup-ms MS     unmeasured load on each fresh server first (default 1000)
  --only TEXT[,..]   only pairs whose id or title contains TEXT (e.g. echo, P=16)
  --out NAME         results file name (default latest, or quick with --quick)
  --no-write         print only; write no files
  --profile          run the Weir servers under node --cpu-prof (tmp/bench-profiles/)
  --strict           exit 1 if a target is missed
  --help             this text

Start one server alone: npm run bench:server -- --kind raw-echo|weir-echo|raw-jsonl|weir-jsonl --port N
Summarise a profile:    node dist/tools/bench/main.js profile-summary <file.cpuprofile>
Redraw the chart:       node dist/tools/bench/main.js chart tools/bench/results/latest.json
`;

function positive(flag: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new Error(`--${flag} expects a whole number >= ${min}, got '${text}'`);
  return value;
}

/** Parses the bench's flags; throws with a message meant for the user. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      'round-ms': { type: 'string' },
      'warmup-ms': { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      'no-write': { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const quick = values.quick === true;
  const out = values.out ?? (quick ? 'quick' : 'latest');
  if (!/^[\w.-]+$/.test(out)) throw new Error(`--out expects a plain file name, got '${out}'`);
  return {
    quick,
    rounds: positive('rounds', values.rounds, quick ? 2 : 6),
    roundMs: positive('round-ms', values['round-ms'], quick ? 400 : 1500, 100),
    warmupMs: positive('warmup-ms', values['warmup-ms'], quick ? 200 : 1000, 0),
    only: (values.only ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    out,
    write: values['no-write'] !== true,
    profile: values.profile === true,
    strict: values.strict === true,
    help: values.help === true,
  };
}
