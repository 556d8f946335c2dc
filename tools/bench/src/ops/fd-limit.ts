import { readFileSync } from 'node:fs';

export interface FdLimits {
  readonly soft: number;
  readonly hard: number;
}

/** "Max open files" of /proc/<pid>/limits; Infinity for "unlimited". */
export function parseFdLimits(limits: string): FdLimits | undefined {
  const match = /^Max open files\s+(\S+)\s+(\S+)/m.exec(limits);
  if (!match) return undefined;
  const value = (text: string) => (text === 'unlimited' ? Infinity : Number(text));
  return { soft: value(match[1]), hard: value(match[2]) };
}

/** This process's open-file limits (children inherit them); undefined where /proc is missing. */
export function fdLimits(): FdLimits | undefined {
  try {
    return parseFdLimits(readFileSync('/proc/self/limits', 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The program and arguments that run `command` with room for `needed` open
 * files: as is when the soft limit allows it, else through `sh -c 'ulimit -n'`
 * (the soft limit may be raised up to the hard one without privileges).
 */
export function withFdRoom(needed: number, command: string, args: readonly string[], limits = fdLimits()): [string, string[]] {
  if (!limits || limits.soft >= needed) return [command, [...args]];
  if (limits.hard < needed) {
    throw new Error(
      `${needed} open files are needed but the hard limit is ${limits.hard}: raise it (ulimit -Hn, /etc/security/limits.conf) or use a smaller --count`,
    );
  }
  return ['/bin/sh', ['-c', `ulimit -n ${needed} && exec "$0" "$@"`, command, ...args]];
}
