import { takeUntil, type Subscription } from 'rxjs';
import type { Logger } from 'pino';
import { ProtocolError, type Decoded } from '@weir/codecs';
import type { Connection, AnyConnection } from './connection';
import type { Handler } from './handler';
import { MessageContext } from './message-context';
import { isObservable, isPromiseLike, type Reply } from './reply';
import type { ServiceReplies } from './service-replies';

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
    return connection.input$.subscribe({
      next: (item: Decoded<In>) => {
        if (item instanceof ProtocolError) this.refuse(connection, item);
        else this.dispatch(connection, item);
      },
      error: (error: unknown) => {
        if (error instanceof ProtocolError) this.refuse(connection, error);
      },
    });
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
    } else if (typeof result === 'object' && result !== null && isPromiseLike<Out | void>(result)) {
      result.then(
        (value) => {
          if (value !== undefined) context.reply(value);
          replies.complete(context);
        },
        (error: unknown) => this.fail(context, error),
      );
    } else if (typeof result === 'object' && result !== null && isObservable(result)) {
      result.pipe(takeUntil(context.connection.closed$)).subscribe({
        next: (value) => context.reply(value as Out),
        error: (error: unknown) => this.fail(context, error),
        complete: () => replies.complete(context),
      });
    } else {
      context.reply(result as Out);
      replies.complete(context);
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

  /** A protocol error gets the protocol's reply in its place in the order. */
  private refuse(connection: Connection<In, Out>, error: ProtocolError): void {
    this.hooks.protocolError(connection as AnyConnection, error);
    const context = new MessageContext<In, Out>(connection, '', undefined as In);
    connection.replies.open(context);
    const reply = this.replies.protocolError?.(error);
    if (reply !== undefined) context.reply(reply);
    connection.replies.complete(context);
  }
}
