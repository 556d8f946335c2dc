import { finalize, tap } from 'rxjs';
import type { Middleware } from '../handler';
import { isObservable, isPromiseLike, type Reply } from '../reply';
import { RouteMeter, type RouteLabelOptions, type RouteTally } from './route-meter';

// Read once: imported names go through CommonJS re-export getters on every use.
const isObservableReply = isObservable;
const isThenable = isPromiseLike;
const now = () => performance.now();

function timed<Out>(tally: RouteTally, started: number, result: Reply<Out>): Reply<Out> {
  if (result === undefined) {
    tally.observe((now() - started) / 1000);
  } else if (typeof result !== 'object' || result === null) {
    tally.replies++;
    tally.observe((now() - started) / 1000);
  } else if (isThenable<Out | void>(result)) {
    // Only asynchronous handlers pay for a second Promise.
    return result.then(
      (value) => {
        if (value !== undefined) tally.replies++;
        tally.observe((now() - started) / 1000);
        return value;
      },
      (error: unknown) => {
        tally.observe((now() - started) / 1000);
        throw error;
      },
    );
  } else if (isObservableReply(result)) {
    return result.pipe(
      tap(() => tally.replies++),
      finalize(() => tally.observe((now() - started) / 1000)),
    );
  } else {
    tally.replies++;
    tally.observe((now() - started) / 1000);
  }
  return result;
}

/**
 * Counts messages and replies by route and times each handler, from the
 * message's arrival in the middleware chain to its last reply. List it first
 * (outermost) to include what the other middleware adds, such as a flood
 * delay. Replies counted are those the handler returns (a value, a Promise's
 * value, an Observable's items); `ctx.reply()` and pushes show in bytes sent.
 *
 * Synchronous handlers stay synchronous: the cost per message is a map
 * lookup, two clock reads and a few additions.
 */
export function metricsMiddleware<In, Out>(options: RouteLabelOptions = {}): Middleware<In, Out> {
  return (next, root) => {
    const meter = RouteMeter.of(root);
    meter.limit(options);
    return (message, context) => {
      const tally = meter.tally(context.route);
      tally.messages++;
      const started = now();
      let result: Reply<Out>;
      try {
        result = next(message, context);
      } catch (error) {
        tally.observe((now() - started) / 1000);
        throw error;
      }
      return timed(tally, started, result);
    };
  };
}
