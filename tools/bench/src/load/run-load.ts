import * as net from 'node:net';
import { performance } from 'node:perf_hooks';
import { LatencyHistogram } from './latency-histogram';
import { LoadConnection } from './load-connection';
import type { RequestStream } from './request-stream';

export interface LoadOptions {
  readonly host?: string;
  readonly port: number;
  /** C: connections opened at once. */
  readonly connections: number;
  /** P: requests kept in flight on each connection. */
  readonly depth: number;
  /** How long to load; the upper bound even when `maxRequests` is set. */
  readonly durationMs: number;
  /** Stop once this many requests (over all connections) were sent and answered. */
  readonly maxRequests?: number;
  /** A fresh request stream per connection. */
  readonly streams: () => RequestStream;
  /** Replies still missing this long after the load stops fail the run (default 5,000 ms). */
  readonly drainTimeoutMs?: number;
}

export interface LoadResult {
  /** Requests answered while the load ran. */
  readonly requests: number;
  /** Request bytes of those requests (replies are as large). */
  readonly bytes: number;
  readonly elapsedMs: number;
  readonly latencies: LatencyHistogram;
  /** CPU time this (client) process spent while the load ran. */
  readonly clientCpuMs: number;
}

const CONNECT_TIMEOUT_MS = 5000;

function open(host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true });
    const timer = setTimeout(() => socket.destroy(new Error(`connect to ${host}:${port} timed out`)), CONNECT_TIMEOUT_MS);
    socket.once('error', (error) => (clearTimeout(timer), reject(error)));
    socket.once('connect', () => (clearTimeout(timer), resolve(socket)));
  });
}

function delay(ms: number): { promise: Promise<void>; cancel(): void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Opens C connections, keeps P requests in flight on each for the duration
 * (or up to N requests), checks every reply, and closes them. A wrong reply,
 * a reply that never comes or a connection the server drops rejects.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const host = options.host ?? '127.0.0.1';
  const settled = await Promise.allSettled(Array.from({ length: options.connections }, () => open(host, options.port)));
  const sockets = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const refused = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  let finished = false;
  let rejectRun: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (rejectRun = reject));
  failed.catch(() => undefined);
  const fail = (error: Error) => {
    if (!finished) rejectRun(error);
  };
  const timers: Array<{ cancel(): void }> = [];
  try {
    if (refused) throw refused.reason;
    const latencies = new LatencyHistogram();
    const drivers = sockets.map((socket) => {
      socket.on('error', (error) => fail(error));
      socket.on('close', () => fail(new Error('the server closed a connection during the load')));
      return new LoadConnection(socket, options.streams(), options.depth, latencies, fail);
    });
    const quota = options.maxRequests === undefined ? undefined : Math.ceil(options.maxRequests / options.connections);
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    for (const driver of drivers) driver.start(quota);
    const duration = delay(options.durationMs);
    timers.push(duration);
    const allIdle = Promise.all(drivers.map((d) => d.idle()));
    await Promise.race([duration.promise, failed, ...(quota === undefined ? [] : [allIdle])]);
    const stopped = Promise.all(drivers.map((d) => d.stop()));
    const elapsedMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuBefore);
    const drainMs = options.drainTimeoutMs ?? 5000;
    const drain = delay(drainMs);
    timers.push(drain);
    const missing = drain.promise.then(() => {
      const owed = drivers.reduce((sum, d) => sum + d.inFlight, 0);
      throw new Error(`${owed} replies still missing ${drainMs} ms after the load stopped`);
    });
    await Promise.race([stopped, failed, missing]);
    return {
      requests: drivers.reduce((sum, d) => sum + d.counted, 0),
      bytes: drivers.reduce((sum, d) => sum + d.countedBytes, 0),
      elapsedMs,
      latencies,
      clientCpuMs: (cpu.user + cpu.system) / 1000,
    };
  } finally {
    finished = true;
    for (const timer of timers) timer.cancel();
    for (const socket of sockets) socket.destroy();
  }
}
