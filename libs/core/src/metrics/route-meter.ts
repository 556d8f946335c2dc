import type { DependencyContainer } from 'tsyringe';

/**
 * Upper bounds (seconds) of the handler latency buckets. Fine at the low end:
 * a synchronous handler answers in microseconds, and a histogram that starts
 * at 5 ms (prom-client's default) would put every message in its first bucket.
 */
export const HANDLER_SECONDS_BUCKETS: readonly number[] = [
  0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** The label that stands in for routes past the limit (or not in the known list). */
export const OTHER_ROUTE = '(other)';

/**
 * One route's counts, kept as plain numbers: the per-message cost is a few
 * additions, and prom-client only reads them when Prometheus scrapes.
 */
export class RouteTally {
  messages = 0;
  replies = 0;
  errors = 0;
  /** Total handler time, seconds. */
  secondsSum = 0;
  /** Observations per bucket (not cumulative); the last slot is +Inf. */
  readonly buckets = new Float64Array(HANDLER_SECONDS_BUCKETS.length + 1);

  constructor(readonly route: string) {}

  observe(seconds: number): void {
    this.secondsSum += seconds;
    let i = 0;
    while (i < HANDLER_SECONDS_BUCKETS.length && seconds > HANDLER_SECONDS_BUCKETS[i]) i++;
    this.buckets[i]++;
  }
}

export interface RouteLabelOptions {
  /**
   * The routes worth a label of their own (usually every route a plugin
   * handles); anything else counts under `(other)`. Route keys come from what
   * clients send, so without a bound a client could mint labels without end.
   */
  readonly routes?: Iterable<string>;
  /** Without `routes`: the first this many routes seen get a label (default 64). */
  readonly maxRoutes?: number;
}

/**
 * Per-route counts for one server. It lives on the server's root container,
 * where the metrics middleware (which gets that container) and serverMetrics
 * (which gets the server) both find it: no global state, so servers in one
 * process never share counts.
 */
export class RouteMeter {
  private readonly byRoute = new Map<string, RouteTally>();
  private readonly other = new RouteTally(OTHER_ROUTE);
  private known: ReadonlySet<string> | undefined;
  private maxRoutes = 64;

  static of(root: DependencyContainer): RouteMeter {
    if (!root.isRegistered(RouteMeter)) root.registerInstance(RouteMeter, new RouteMeter());
    return root.resolve(RouteMeter);
  }

  limit(options: RouteLabelOptions): void {
    if (options.routes) this.known = new Set(options.routes);
    if (options.maxRoutes !== undefined) this.maxRoutes = options.maxRoutes;
  }

  /** The tally a message on `route` counts in. Routes past the bound share one and are never stored. */
  tally(route: string): RouteTally {
    const tally = this.byRoute.get(route);
    if (tally !== undefined) return tally;
    const admitted = this.known ? this.known.has(route) : this.byRoute.size < this.maxRoutes;
    if (!admitted) return this.other;
    const fresh = new RouteTally(route);
    this.byRoute.set(route, fresh);
    return fresh;
  }

  /** Every tally with something in it, `(other)` last. */
  tallies(): RouteTally[] {
    const all = [...this.byRoute.values()];
    if (this.other.messages > 0 || this.other.errors > 0) all.push(this.other);
    return all;
  }
}
