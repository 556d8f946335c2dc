import { connect, type CloseReason, type Connection } from '@weir/core';
import type { Codec } from '@weir/codecs';
import { firstValueFrom } from 'rxjs';

/**
 * A client for tests: send messages, await replies one by one or n at a time.
 * Replies are queued from the moment the socket opens, so none is missed
 * between a send and the await that reads it.
 */
export class TestClient<In, Out> {
  private readonly queue: In[] = [];
  private readonly waiters: Array<{ resolve(message: In): void; reject(error: Error): void; timer: NodeJS.Timeout }> = [];
  private failure: Error | undefined;
  /** Resolves with the close reason once the connection has closed. */
  readonly closed: Promise<CloseReason>;

  constructor(readonly connection: Connection<In, Out>) {
    connection.messages$.subscribe({
      next: (message) => {
        const waiter = this.waiters.shift();
        if (waiter) {
          clearTimeout(waiter.timer);
          waiter.resolve(message);
        } else this.queue.push(message);
      },
      error: (error: Error) => this.fail(error),
      complete: () => this.fail(new Error('connection ended')),
    });
    this.closed = firstValueFrom(connection.closed$);
  }

  static async connect<In, Out>(port: number, codec: Codec<In, Out>, host = '127.0.0.1'): Promise<TestClient<In, Out>> {
    return new TestClient(await connect({ host, port, codec }));
  }

  send(...messages: Out[]): this {
    for (const message of messages) this.connection.send(message);
    return this;
  }

  /** Replies received and not yet taken. */
  get buffered(): number {
    return this.queue.length;
  }

  /** The next reply; rejects if none comes within `timeoutMs` or the connection ends first. */
  next(timeoutMs = 5000): Promise<In> {
    const queued = this.queue.shift();
    if (queued !== undefined) return Promise.resolve(queued);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<In>((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.waiters.findIndex((w) => w.timer === timer);
        if (index >= 0) this.waiters.splice(index, 1);
        reject(new Error(`no reply within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push({ resolve, reject, timer });
    });
  }

  /** Sends one message and awaits the next reply. */
  async request(message: Out, timeoutMs?: number): Promise<In> {
    this.send(message);
    return this.next(timeoutMs);
  }

  async collect(count: number, timeoutMs = 5000): Promise<In[]> {
    const replies: In[] = [];
    const deadline = Date.now() + timeoutMs;
    while (replies.length < count) replies.push(await this.next(Math.max(1, deadline - Date.now())));
    return replies;
  }

  /**
   * Ends our side gracefully (the server sees the peer's end). Replies that
   * arrive after it are dropped: core's Connection has no client half-close
   * that keeps reading, so test half-close with a raw socket instead.
   */
  end(): void {
    this.connection.close();
  }

  async close(): Promise<void> {
    this.connection.destroy({ kind: 'closed', detail: 'test client closed' });
    await this.closed;
  }

  private fail(error: Error): void {
    this.failure = error;
    for (const waiter of this.waiters.splice(0)) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
  }
}
