import type { Connection } from './connection';
import type { IdlePolicy } from './idle-policy';

interface IdleMarks {
  readFiredAt: number;
  readCount: number;
  writeFiredAt: number;
  writeCount: number;
}

/**
 * One timer for all of a server's connections, not one per connection: ten
 * thousand idle peers cost one sweep, at a quarter of the shortest idle period.
 */
export class IdleWatch<In, Out> {
  private readonly marks = new WeakMap<Connection<In, Out>, IdleMarks>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly policy: IdlePolicy<In, Out>,
    private readonly connections: () => Iterable<Connection<In, Out>>,
  ) {}

  get enabled(): boolean {
    return (this.policy.readIdleMs ?? 0) > 0 || (this.policy.writeIdleMs ?? 0) > 0;
  }

  start(): void {
    if (!this.enabled || this.timer) return;
    const periods = [this.policy.readIdleMs ?? 0, this.policy.writeIdleMs ?? 0].filter((ms) => ms > 0);
    const every = Math.min(1000, Math.max(10, Math.floor(Math.min(...periods) / 4)));
    this.timer = setInterval(() => this.sweep(Date.now()), every);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  sweep(now: number): void {
    const readIdle = this.policy.readIdleMs ?? 0;
    const writeIdle = this.policy.writeIdleMs ?? 0;
    for (const connection of this.connections()) {
      if (!connection.isOpen) continue;
      // Made on a connection's first idle event: one never idle has none.
      let marks = this.marks.get(connection);
      if (readIdle > 0) {
        if (marks !== undefined && connection.lastReadAt >= marks.readFiredAt && marks.readFiredAt > 0) marks.readCount = 0;
        const since = Math.max(connection.lastReadAt, marks?.readFiredAt ?? 0);
        if (now - since >= readIdle) {
          marks ??= this.mark(connection);
          marks.readFiredAt = now;
          this.fire(connection, 'read', ++marks.readCount);
        }
      }
      if (writeIdle > 0 && connection.isOpen) {
        if (marks !== undefined && connection.lastWriteAt >= marks.writeFiredAt && marks.writeFiredAt > 0) marks.writeCount = 0;
        const since = Math.max(connection.lastWriteAt, marks?.writeFiredAt ?? 0);
        if (now - since >= writeIdle) {
          marks ??= this.mark(connection);
          marks.writeFiredAt = now;
          this.fire(connection, 'write', ++marks.writeCount);
        }
      }
    }
  }

  private mark(connection: Connection<In, Out>): IdleMarks {
    const marks = { readFiredAt: 0, readCount: 0, writeFiredAt: 0, writeCount: 0 };
    this.marks.set(connection, marks);
    return marks;
  }

  private fire(connection: Connection<In, Out>, kind: 'read' | 'write', count: number): void {
    if (this.policy.onIdle) {
      this.policy.onIdle(connection, { kind, count });
    } else if (kind === 'read') {
      connection.close({ kind: 'idle', detail: `no data for ${this.policy.readIdleMs} ms` });
    }
  }
}
