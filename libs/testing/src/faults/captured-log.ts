import pino, { type Logger } from 'pino';

export interface LogLine {
  readonly level: number;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

/** pino's numbers: warn 40, error 50, fatal 60. */
export const WARN_LEVEL = 40;
export const ERROR_LEVEL = 50;

export interface CapturedLog {
  readonly logger: Logger;
  /** The lines kept: those at `keepFrom` or above. */
  readonly lines: LogLine[];
  /** Every line logged, kept or not. */
  readonly count: number;
  /** Lines at error level or above: what a fault must never produce. */
  errors(): LogLine[];
}

/**
 * A real pino logger whose lines land in an array, so a test can assert on
 * what the server would have logged (pino writes synchronously to any object
 * with `write`). Only lines at `keepFrom` or above are kept: a line per
 * connection, kept through 10,000 connections, would read as a leak.
 */
export function capturedLog(level = 'info', keepFrom = WARN_LEVEL): CapturedLog {
  const lines: LogLine[] = [];
  let count = 0;
  const destination = {
    write(text: string) {
      count++;
      const line = JSON.parse(text) as LogLine;
      if (line.level >= keepFrom) lines.push(line);
    },
  };
  return {
    logger: pino({ level }, destination),
    lines,
    get count() {
      return count;
    },
    errors: () => lines.filter((line) => line.level >= ERROR_LEVEL),
  };
}
