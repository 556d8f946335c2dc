import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One look at a process through /proc (Linux); NaN where /proc has nothing to say. */
export interface ProcSample {
  /** User plus system CPU time since the process started. */
  readonly cpuMs: number;
  readonly rssKb: number;
  /** VmHWM: the highest resident set size the process has had. */
  readonly peakRssKb: number;
}

/** utime and stime (fields 14 and 15) of /proc/<pid>/stat, in clock ticks. */
export function parseStatTicks(stat: string): number {
  // The command name (field 2) sits in parentheses and may hold spaces or
  // parentheses itself, so fields are counted from the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state), so utime (14) is fields[11] and stime (15) fields[12].
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return utime + stime;
}

/** A `Name:   value kB` line of /proc/<pid>/status, in kB. */
export function parseStatusKb(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : Number.NaN;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

export function sampleProcess(pid: number): ProcSample {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return {
      cpuMs: (parseStatTicks(stat) * 1000) / clockTicks(),
      rssKb: parseStatusKb(status, 'VmRSS'),
      peakRssKb: parseStatusKb(status, 'VmHWM'),
    };
  } catch {
    return { cpuMs: Number.NaN, rssKb: Number.NaN, peakRssKb: Number.NaN };
  }
}
