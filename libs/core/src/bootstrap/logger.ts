import pino, { type Logger } from 'pino';

/**
 * JSON lines for machines by default; pino-pretty when a person is watching a
 * terminal. Every line carries the app's name and pid.
 */
export function createLogger(app: string, level: string, pretty = process.stdout.isTTY === true): Logger {
  const options = { level, base: { app, pid: process.pid } };
  if (!pretty) return pino(options);
  return pino(options, pino.transport({ target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } }));
}
