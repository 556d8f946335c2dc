import type { DependencyContainer } from 'tsyringe';
import type { MessageContext } from './message-context';
import type { Reply } from './reply';

/** A service, in Finagle's sense: a function from a message to its replies. */
export type Handler<In, Out> = (message: In, context: MessageContext<In, Out>) => Reply<Out>;

/**
 * A filter around handling, composed like an RxJS operator: it takes the next
 * handler and gives one that wraps it (auth gate, rate limit, timing, logging).
 * It is built once per server; `root` is the server's container, for the shared
 * services it needs.
 */
export type Middleware<In, Out> = (next: Handler<In, Out>, root: DependencyContainer) => Handler<In, Out>;

/** The first middleware is the outermost: it sees each message first and each reply last. */
export function composeMiddleware<In, Out>(
  middleware: readonly Middleware<In, Out>[],
  inner: Handler<In, Out>,
  root: DependencyContainer,
): Handler<In, Out> {
  return middleware.reduceRight((next, layer) => layer(next, root), inner);
}
