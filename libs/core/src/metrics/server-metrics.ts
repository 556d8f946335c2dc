import type { Registry } from 'prom-client';
import type { Subscription } from 'rxjs';
import type { CloseReason } from '../close-reason';
import type { PauseCause } from '../connection';
import type { WeirServer } from '../server';
import type { ServerStats } from '../server-events';
import { HANDLER_SECONDS_BUCKETS, RouteMeter, type RouteTally } from './route-meter';
import { labelled, registerScraped, type Sample } from './scraped-metric';

/** Listed up front so each series exists, at 0, from the first scrape: `rate()` needs a starting point. */
const CLOSE_REASONS: readonly CloseReason['kind'][] = [
  'peer-end',
  'peer-reset',
  'closed',
  'protocol-error',
  'idle',
  'output-limit',
  'server-close',
];
const PAUSE_CAUSES: readonly PauseCause[] = ['output', 'in-flight'];

export interface ServerMetricsOptions {
  /** Put before every metric name (default `weir_`). */
  readonly prefix?: string;
}

export interface ServerMetrics {
  /** Stops counting events (the metrics stay registered, frozen). */
  stop(): void;
}

const bump = (counts: Map<string, number>, key: string, by = 1) => counts.set(key, (counts.get(key) ?? 0) + by);
const zeroes = (keys: readonly string[]) => new Map(keys.map((key) => [key, 0]));

/** The latency histogram's lines for every route, cumulative as Prometheus wants them. */
function histogramSamples(name: string, tallies: readonly RouteTally[]): Sample[] {
  const samples: Sample[] = [];
  for (const tally of tallies) {
    let cumulative = 0;
    HANDLER_SECONDS_BUCKETS.forEach((le, i) => {
      cumulative += tally.buckets[i];
      samples.push({ metricName: `${name}_bucket`, labels: { route: tally.route, le }, value: cumulative });
    });
    cumulative += tally.buckets[HANDLER_SECONDS_BUCKETS.length];
    samples.push({ metricName: `${name}_bucket`, labels: { route: tally.route, le: '+Inf' }, value: cumulative });
    samples.push({ metricName: `${name}_sum`, labels: { route: tally.route }, value: tally.secondsSum });
    samples.push({ metricName: `${name}_count`, labels: { route: tally.route }, value: cumulative });
  }
  return samples;
}

/**
 * Registers a server's metrics on `registry` (one registry per server, so
 * servers in one process never clash): gauges read from `server.stats()` at
 * scrape time, counters fed by `server.events$`, and the per-route counts of
 * `metricsMiddleware()` when the server uses it.
 */
export function serverMetrics<In, Out>(server: WeirServer<In, Out>, registry: Registry, options: ServerMetricsOptions = {}): ServerMetrics {
  const p = options.prefix ?? 'weir_';
  const meter = RouteMeter.of(server.container);
  const rejected = new Map<string, number>();
  const closed = zeroes(CLOSE_REASONS);
  const pauses = zeroes(PAUSE_CAUSES);
  const protocolErrors = new Map<string, number>();

  const subscription: Subscription = server.events$.subscribe((event) => {
    switch (event.type) {
      case 'connection-close':
        bump(closed, event.reason.kind);
        break;
      case 'connection-rejected':
        bump(rejected, event.reason);
        break;
      case 'paused':
        bump(pauses, event.cause);
        break;
      case 'protocol-error':
        bump(protocolErrors, event.error.code);
        break;
      case 'handler-error':
        meter.tally(event.route).errors++;
        break;
    }
  });

  const stat = (name: keyof ServerStats) => () => [{ value: server.stats()[name] }];
  const perRoute = (pick: (tally: RouteTally) => number) => () =>
    meter.tallies().map((tally) => ({ labels: { route: tally.route }, value: pick(tally) }));

  const metrics = [
    { name: 'connections', type: 'gauge', help: 'Connections open now', read: stat('connections') },
    { name: 'connections_accepted_total', type: 'counter', help: 'Connections accepted', read: stat('accepted') },
    {
      name: 'connections_rejected_total',
      type: 'counter',
      help: 'Connections refused at accept, by reason (max connections, per-address limit, shutting down)',
      read: () => labelled('reason', rejected),
    },
    { name: 'connections_closed_total', type: 'counter', help: 'Connections closed, by close reason', read: () => labelled('reason', closed) },
    { name: 'connections_paused', type: 'gauge', help: 'Connections not being read now (backpressure)', read: stat('paused') },
    {
      name: 'backpressure_pauses_total',
      type: 'counter',
      help: 'Times a connection stopped reading, by cause (output: unread replies; in-flight: unanswered messages)',
      read: () => labelled('cause', pauses),
    },
    { name: 'pending_output_bytes', type: 'gauge', help: 'Reply bytes written but not yet taken by the kernel', read: stat('pendingOutputBytes') },
    { name: 'connection_containers', type: 'gauge', help: 'Connection containers not yet disposed', read: stat('liveContainers') },
    { name: 'received_bytes_total', type: 'counter', help: 'Bytes read from peers, open connections included', read: stat('bytesIn') },
    { name: 'sent_bytes_total', type: 'counter', help: 'Bytes the kernel took for peers, open connections included', read: stat('bytesOut') },
    { name: 'messages_total', type: 'counter', help: 'Messages handled, by route', read: perRoute((t) => t.messages) },
    { name: 'replies_total', type: 'counter', help: 'Replies handlers returned, by route', read: perRoute((t) => t.replies) },
    { name: 'handler_errors_total', type: 'counter', help: 'Handlers that threw, rejected or errored, by route', read: perRoute((t) => t.errors) },
    {
      name: 'handler_duration_seconds',
      type: 'histogram',
      help: 'Time from a message entering the middleware to its last reply, by route',
      read: () => histogramSamples(`${p}handler_duration_seconds`, meter.tallies()),
    },
    {
      name: 'protocol_errors_total',
      type: 'counter',
      help: 'Frames that broke the protocol, by error code',
      read: () => labelled('code', protocolErrors),
    },
  ] as const;
  for (const metric of metrics) registerScraped(registry, { ...metric, name: `${p}${metric.name}` });

  return { stop: () => subscription.unsubscribe() };
}
