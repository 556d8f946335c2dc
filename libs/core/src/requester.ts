import type { Connection } from './connection';

export type ReplyMatching<In> =
  /** Replies come back in request order (Redis, most line protocols). */
  | { readonly by: 'order' }
  /** Replies carry the request's id (JSON-RPC style); `idOf` reads it. */
  | { readonly by: 'id'; readonly idOf: (reply: In) => unknown };

/**
 * Turns a connection into request → Promise of reply. Pending requests fail
 * when the connection closes or its stream errors, so no caller waits forever.
 */
export class Requester<In, Out> {
  private readonly fifo: Array<{ resolve(reply: In): void; reject(error: Error): void }> = [];
  private readonly byId = new Map<unknown, { resolve(reply: In): void; reject(error: Error): void }>();

  constructor(
    private readonly connection: Connection<In, Out>,
    private readonly matching: ReplyMatching<In> = { by: 'order' },
  ) {
    connection.messages$.subscribe({
      next: (reply) => this.settle(reply),
      error: (error: Error) => this.failAll(error),
      complete: () => this.failAll(new Error('connection ended with requests pending')),
    });
  }

  get pending(): number {
    return this.fifo.length + this.byId.size;
  }

  /** Sends `message`; with id matching, `id` is the id the reply will carry. */
  request(message: Out, id?: unknown): Promise<In> {
    if (!this.connection.isOpen) return Promise.reject(new Error('connection is closed'));
    return new Promise<In>((resolve, reject) => {
      if (this.matching.by === 'order') this.fifo.push({ resolve, reject });
      else {
        if (this.byId.has(id)) return reject(new Error(`a request with id ${String(id)} is already pending`));
        this.byId.set(id, { resolve, reject });
      }
      this.connection.send(message);
    });
  }

  private settle(reply: In): void {
    if (this.matching.by === 'order') {
      this.fifo.shift()?.resolve(reply);
      return;
    }
    const id = this.matching.idOf(reply);
    const waiter = this.byId.get(id);
    if (waiter) {
      this.byId.delete(id);
      waiter.resolve(reply);
    }
  }

  private failAll(error: Error): void {
    for (const waiter of this.fifo.splice(0)) waiter.reject(error);
    for (const waiter of this.byId.values()) waiter.reject(error);
    this.byId.clear();
  }
}
