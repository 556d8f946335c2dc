import { Buffer } from 'node:buffer';
import type { Subscription } from 'rxjs';
import type { AnyConnection } from '@weir/core';
import type { RespReply } from '@weir/codecs';
import type { CommandArgs } from '../aof/command-encoding';
import { err } from '../reply/replies';
import { parseLongDouble } from '../types/long-double';

/**
 * Clients blocked on keys (BLPOP, BLMOVE, BLMPOP, BZPOPMIN, BZMPOP...), as a
 * plugin's own registry: a list plugin's waiters are woken by its pushes, a
 * sorted set plugin's by its adds.
 *
 * A command that finds nothing to pop registers a waiter on each of its keys
 * and answers with a Promise; the connection's later replies wait behind it,
 * as a blocked Redis client runs nothing else. A write that may fill a key
 * calls wake(): waiters on the key are served first come, first served,
 * inside that write's handler, and wake() gives back the pops they made so the
 * write can log them after itself (Propagation.replace), in the order they
 * happened. Timeouts answer the null array, and so does a peer that leaves
 * while blocked (the connection owes that reply before it can finish closing).
 */
export interface Served {
  readonly reply: RespReply;
  /** What the pop amounts to, for the AOF (LPOP key, LMOVE ..., ZPOPMIN key), and any pops it set off in turn. */
  readonly log: CommandArgs[];
}

interface Waiter {
  readonly connection: AnyConnection;
  readonly slots: string[];
  /** Pops for the client if one of its keys now has something; undefined if not. */
  readonly attempt: () => Served | undefined;
  readonly resolve: (reply: RespReply) => void;
  timer: NodeJS.Timeout | undefined;
  ended: Subscription | undefined;
}

const TIMEOUT_NOT_FLOAT = err('ERR timeout is not a float or out of range');
const TIMEOUT_NEGATIVE = err('ERR timeout is negative');
/** setTimeout's ceiling (about 24.8 days): longer waits are as good as forever. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * A blocking timeout in seconds, as Redis reads it: a long double, times
 * 1000, truncated to a 64-bit integer of milliseconds. Infinite or huge values
 * wrap negative in that conversion, so Redis calls them negative too.
 * 0 means no timeout. Returns milliseconds or the error reply.
 */
export function parseBlockingTimeout(arg: Buffer): number | RespReply {
  const value = parseLongDouble(arg.toString('latin1'));
  if (value === null) return TIMEOUT_NOT_FLOAT;
  if (typeof value === 'number') return TIMEOUT_NEGATIVE;
  const seconds = Number(value.mant) * 2 ** value.exp * (value.negative ? -1 : 1);
  const ms = Math.trunc(seconds * 1000);
  if (!Number.isFinite(ms) || ms >= 2 ** 63 || ms < 0) return TIMEOUT_NEGATIVE;
  return ms;
}

export class BlockedClients {
  private readonly waiting = new Map<string, Waiter[]>();

  /**
   * Blocks until `attempt` succeeds after a wake() on one of `keys` (of
   * database `db`), or `timeoutMs` passes (0: forever) and `onTimeout` is the answer.
   */
  block(
    connection: AnyConnection,
    db: number,
    keys: readonly string[],
    timeoutMs: number,
    onTimeout: RespReply,
    attempt: () => Served | undefined,
  ): Promise<RespReply> {
    return new Promise((resolve) => {
      const waiter: Waiter = { connection, slots: [...new Set(keys)].map((key) => slot(db, key)), attempt, resolve, timer: undefined, ended: undefined };
      for (const name of waiter.slots) {
        const queue = this.waiting.get(name);
        if (queue === undefined) this.waiting.set(name, [waiter]);
        else queue.push(waiter);
      }
      if (timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS) {
        waiter.timer = setTimeout(() => {
          this.remove(waiter);
          resolve(onTimeout);
        }, timeoutMs);
      }
      // The peer went away (its input ended): stop waiting, and answer so the
      // connection, which owes this reply, can finish closing.
      waiter.ended = connection.input$.subscribe({
        complete: () => {
          this.remove(waiter);
          resolve(onTimeout);
        },
      });
    });
  }

  /** Serves waiters on a key that may have become non-empty; gives the pops made, in order. */
  wake(db: number, key: string): CommandArgs[] {
    const queue = this.waiting.get(slot(db, key));
    if (queue === undefined) return [];
    const logged: CommandArgs[] = [];
    for (const waiter of [...queue]) {
      if (!waiter.connection.isOpen) {
        this.remove(waiter);
        continue;
      }
      const served = waiter.attempt();
      if (served === undefined) continue;
      this.remove(waiter);
      logged.push(...served.log);
      waiter.resolve(served.reply);
    }
    return logged;
  }

  /** Forgets a closed connection's waiters (their Promises never settle; the connection is gone). */
  cancel(connection: AnyConnection): void {
    for (const queue of [...this.waiting.values()]) {
      for (const waiter of queue) if (waiter.connection === connection) this.remove(waiter);
    }
  }

  /** Clients blocked now (for tests and INFO's blocked_clients). */
  get blockedCount(): number {
    const waiters = new Set<Waiter>();
    for (const queue of this.waiting.values()) for (const waiter of queue) waiters.add(waiter);
    return waiters.size;
  }

  private remove(waiter: Waiter): void {
    if (waiter.timer !== undefined) clearTimeout(waiter.timer);
    waiter.ended?.unsubscribe();
    for (const name of waiter.slots) {
      const queue = this.waiting.get(name);
      if (queue === undefined) continue;
      const at = queue.indexOf(waiter);
      if (at >= 0) queue.splice(at, 1);
      if (queue.length === 0) this.waiting.delete(name);
    }
  }
}

function slot(db: number, key: string): string {
  return `${db}\u0000${key}`;
}
