import { readFileSync } from 'node:fs';
import { formatColumns } from '../report/table';

/** The parts of a V8 .cpuprofile (what node --cpu-prof writes) read here. */
export interface CpuProfile {
  readonly nodes: ReadonlyArray<{
    readonly id: number;
    readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
    readonly hitCount?: number;
  }>;
  readonly startTime: number;
  readonly endTime: number;
  readonly samples?: readonly number[];
}

export interface SelfTime {
  readonly name: string;
  readonly hits: number;
  readonly share: number;
}

/** Shortens a file URL to the part worth reading: from libs/, apps/, tools/ or node: on. */
function place(url: string, line: number): string {
  if (!url) return '';
  const short = url.replace(/^file:\/\//, '').replace(/^.*?\/((?:libs|apps|tools|node_modules)\/)/, '$1');
  return `${short}:${line + 1}`;
}

/** Self time (samples where the function itself was running), by function and by file, largest first. */
export function selfTimes(profile: CpuProfile, by: 'function' | 'file'): SelfTime[] {
  const hits = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const count = node.hitCount ?? 0;
    if (count === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const key =
      by === 'file'
        ? place(url, 0).replace(/:1$/, '') || `(${functionName || 'anonymous'})`
        : `${functionName || '(anonymous)'} ${place(url, lineNumber)}`.trim();
    hits.set(key, (hits.get(key) ?? 0) + count);
    total += count;
  }
  return [...hits]
    .map(([name, count]) => ({ name, hits: count, share: count / total }))
    .sort((a, b) => b.hits - a.hits);
}

/** `main.js profile-summary <file.cpuprofile> [top]`: where a server's CPU time went. */
export function profileSummaryCommand(argv: readonly string[]): number {
  const [file, topText] = argv;
  if (!file) {
    process.stderr.write('Usage: node dist/tools/bench/main.js profile-summary <file.cpuprofile> [top N]\n');
    return 2;
  }
  const top = Number(topText ?? 25);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const seconds = (profile.endTime - profile.startTime) / 1e6;
  const rows = (list: SelfTime[]) => list.slice(0, top).map((t) => [t.name, String(t.hits), `${(t.share * 100).toFixed(1)}%`]);
  process.stdout.write(`${file}: ${seconds.toFixed(1)} s profiled\n\nSelf time by function\n`);
  process.stdout.write(`${formatColumns(['function', 'samples', 'share'], rows(selfTimes(profile, 'function')))}\n\n`);
  process.stdout.write(`Self time by file\n${formatColumns(['file', 'samples', 'share'], rows(selfTimes(profile, 'file')))}\n`);
  return 0;
}
