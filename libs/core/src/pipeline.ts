import { Observable, Subscription, takeUntil } from 'rxjs';
import type { Logger } from 'pino';
import { ProtocolError, type Decoded } from '@weir/codecs';
import type { Connection, AnyConnection } from './connection';
import type { Handler } from './handler';
import { MessageContext } from './message-context';
import { isObservable, isPromiseLike, type Reply } from './reply';
import type { ServiceReplies } from './service-replies';

// Bound once: reached through re-exports (rxjs's barrel, reply.ts's of it, @weir/codecs' barrel), each use
// would first run an export getter.
const isObservableReply = isObservable;
const ObservableClass = Observable;
const ProtocolErrorClass = ProtocolError;

export interface PipelineHooks {
  handlerError(connection: AnyConnection, route: string, error: unknown): void;
  protocolError(connection: AnyConnection, error: ProtocolError): void;
}

/**
 * Takes each decoded message of a connection through middleware and router to
 * its plugin, and puts the replies in the connection's reply order.
 */
export class Pipeline<In, Out> {
  constructor(
    private readonly handle: Handler<In, Out>,
    private readonly routeOf: (message: In) => string,
    private readonly replies: ServiceReplies<In, Out>,
    private readonly hooks: PipelineHooks,
    private readonly logger: Logger,
  ) {}

  attach(connection: Connection<In, Out>): Subscription {
    const consumer = new PipelineFeed(this, connection);
    // A direct call per message when the connection grants it; a subscription otherwise.
    const stop = connection.feedDirect(consumer);
    return stop ? new Subscription(stop) : connection.input$.subscribe(consumer);
  }

  dispatch(connection: Connection<In, Out>, message: In): void {
    connection.messagesIn++;
    let route: string;
    try {
      route = this.routeOf(message);
    } catch (error) {
      route = '';
      this.logger.debug({ conn: connection.id, err: error }, 'route key failed');
    }
    const context = new MessageContext(connection, route, message);
    connection.replies.open(context);
    let result: Reply<Out>;
    try {
      result = this.handle(message, context);
    } catch (error) {
      this.fail(context, error);
      return;
    }
    this.settle(context, result);
    connection.checkInFlight();
  }

  private settle(context: MessageContext<In, Out>, result: Reply<Out>): void {
    const replies = context.connection.replies;
    if (result === undefined) {
      replies.complete(context);
    } else if (typeof result !== 'object' || result === null) {
      // A string, number...: a reply, with no property to look up.
      replies.answer(context, result as Out);
    } else if (isPromiseLike<Out | void>(result)) {
      result.then(
        (value) => {
          if (value !== undefined) context.reply(value);
          replies.complete(context);
        },
        (error: unknown) => this.fail(context, error),
      );
    } else if (result instanceof ObservableClass || isObservableReply(result)) {
      (result as Observable<Out>).pipe(takeUntil(context.connection.closed$)).subscribe({
        next: (value) => context.reply(value),
        error: (error: unknown) => this.fail(context, error),
        complete: () => replies.complete(context),
      });
    } else {
      replies.answer(context, result as Out);
    }
  }

  private fail(context: MessageContext<In, Out>, error: unknown): void {
    const connection = context.connection;
    this.hooks.handlerError(connection as AnyConnection, context.route, error);
    let reply: Out | undefined;
    try {
      reply = this.replies.handlerError?.(error, context.message, context);
    } catch (replyError) {
      this.logger.error({ conn: connection.id, err: replyError }, 'handlerError reply failed');
    }
    if (reply !== undefined) context.reply(reply);
    connection.replies.complete(context);
  }

  /** A protocol error gets the protocol's reply in its place in the order. @internal */
  refuse(connection: Connection<In, Out>, error: ProtocolError): void {
    this.hooks.protocolError(connection as AnyConnection, error);
    const context = new MessageContext<In, Out>(connection, '', undefined as In);
    connection.replies.open(context);
    const reply = this.replies.protocolError?.(error);
    if (reply !== undefined) context.reply(reply);
    connection.replies.complete(context);
  }
}

/**
 * One connection's way into the pipeline, kept by the connection for its whole
 * life: methods on a shared prototype, where an object of two closures cost
 * about 200 bytes on every idle connection.
 */
class PipelineFeed<In, Out> {
  constructor(
    private readonly pipeline: Pipeline<In, Out>,
    private readonly connection: Connection<In, Out>,
  ) {}

  next(item: Decoded<In>): void {
    if (item instanceof ProtocolErrorClass) this.pipeline.refuse(this.connection, item);
    else this.pipeline.dispatch(this.connection, item);
  }

  error(error: unknown): void {
    if (error instanceof ProtocolError) this.pipeline.refuse(this.connection, error);
  }
}
