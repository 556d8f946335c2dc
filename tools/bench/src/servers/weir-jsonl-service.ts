import { jsonLinesCodec } from '@weir/codecs';
import { Handle, Plugin, type Middleware, type ServerOptions } from '@weir/core';

/** A request line as sent; nothing is checked until a handler looks. */
export type JsonRequest = unknown;
export type JsonReply = Readonly<Record<string, unknown>>;

/** Shared on the server's root container; the middleware counts into it. */
export class RequestCounter {
  handled = 0;
}

/** The one middleware every request passes: counting, as a metrics filter would. */
export const countRequests: Middleware<JsonRequest, JsonReply> = (next, root) => {
  const counter = root.resolve(RequestCounter);
  return (message, context) => {
    counter.handled++;
    return next(message, context);
  };
};

/** Answers `{"id":N,"data":"..."}` with the same id and data. */
@Plugin({ name: 'json-echo' })
export class JsonEchoPlugin {
  @Handle('echo')
  echo(request: JsonRequest): JsonReply {
    const { id, data } = request as { id?: unknown; data?: unknown };
    if (typeof id !== 'number' || typeof data !== 'string') {
      return { error: 'a request needs a numeric id and a string data' };
    }
    return { id, data };
  }
}

/** The route key: the request's `type`, `echo` when it has none. */
export function routeByType(message: JsonRequest): string {
  const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  return typeof type === 'string' ? type : 'echo';
}

/**
 * The framework side of the request/response pair: JSON lines, routed by
 * `type` through one middleware to one plugin. Its replies to bad input use
 * the same words as the hand-written server.
 */
export function weirJsonLinesOptions(): ServerOptions<JsonRequest, JsonReply> {
  return {
    codec: jsonLinesCodec<JsonRequest>(),
    route: routeByType,
    plugins: [JsonEchoPlugin],
    middleware: [countRequests],
    providers: [RequestCounter],
    replies: {
      unknownRoute: (_message, context) => ({ error: `unknown type '${context.route}'` }),
      handlerError: (error) => ({ error: error instanceof Error ? error.message : String(error) }),
      protocolError: (error) => ({ error: error.code }),
    },
  };
}
