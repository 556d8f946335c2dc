import type { DependencyContainer, InjectionToken } from 'tsyringe';
import type { Connection } from './connection';
import type { Frame } from './frame';
import type { ReplySlot } from './ordered-replies';

/**
 * What a handler knows about the message in hand: its connection, its route key,
 * and its place in the reply order. It is that place, too: `reply()` writes at
 * once when every earlier message has been answered, and waits its turn otherwise.
 */
export class MessageContext<In, Out> implements ReplySlot<Out> {
  next: ReplySlot<Out> | undefined = undefined;
  buffered: Array<Out | Frame> | undefined = undefined;
  done = false;

  constructor(
    readonly connection: Connection<In, Out>,
    readonly route: string,
    readonly message: In,
  ) {}

  /** Adds a reply to this message (handlers may give several, e.g. an IRC burst of numerics). */
  reply(item: Out | Frame): void {
    this.connection.replies.emit(this, item);
  }

  /** Resolves a connection-scoped service. */
  get<T>(token: InjectionToken<T>): T {
    return this.connection.container.resolve(token);
  }

  get container(): DependencyContainer {
    return this.connection.container;
  }
}
