import { Observable } from 'rxjs';
import { connect, type ConnectOptions } from './client';
import type { Connection } from './connection';

export interface Backoff {
  /** First wait after a failure or a drop (default 100 ms). */
  readonly initialDelayMs?: number;
  /** Cap on the wait (default 30,000 ms). */
  readonly maxDelayMs?: number;
  /** Growth per failed attempt (default 2). */
  readonly factor?: number;
  /** Fraction of each wait drawn at random, so a crowd of clients does not retry in step (default 0.5). */
  readonly jitter?: number;
  /** Give up after this many failed attempts in a row (default: never). */
  readonly maxAttempts?: number;
}

export function backoffDelay(attempt: number, backoff: Backoff, random: () => number = Math.random): number {
  const base = Math.min(backoff.maxDelayMs ?? 30_000, (backoff.initialDelayMs ?? 100) * (backoff.factor ?? 2) ** attempt);
  const jitter = backoff.jitter ?? 0.5;
  return Math.round(base * (1 - jitter) + base * jitter * random());
}

/**
 * A connection that comes back: emits each new Connection, reconnecting with
 * exponential backoff and jitter whenever the last one closes or a connect
 * fails. Unsubscribe to stop (and close the current connection).
 */
export function reconnecting<In, Out>(options: ConnectOptions<In, Out>, backoff: Backoff = {}): Observable<Connection<In, Out>> {
  return new Observable<Connection<In, Out>>((subscriber) => {
    let attempt = 0;
    let timer: NodeJS.Timeout | undefined;
    let current: Connection<In, Out> | undefined;
    let stopped = false;

    const retry = (): void => {
      if (stopped) return;
      if (backoff.maxAttempts !== undefined && attempt >= backoff.maxAttempts) {
        subscriber.error(new Error(`gave up after ${attempt} attempts to reach ${options.host ?? '127.0.0.1'}:${options.port}`));
        return;
      }
      timer = setTimeout(open, backoffDelay(attempt++, backoff));
    };
    const open = (): void => {
      connect(options).then(
        (connection) => {
          if (stopped) return connection.close();
          attempt = 0;
          current = connection;
          connection.closed$.subscribe(() => retry());
          subscriber.next(connection);
        },
        () => retry(),
      );
    };
    open();
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      current?.close();
    };
  });
}
