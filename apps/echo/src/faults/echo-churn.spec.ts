import type { CloseReason } from '@weir/core';
import { runConcurrently, startService, type RunningService } from '@weir/testing';
import { echoServerOptions } from '../echo.service';
import { BytePeer } from './support/byte-peer';
import { capturedLog, type CapturedLog } from '@weir/testing';
import { settledMemory } from '@weir/testing';
import { until } from '@weir/testing';

// Connection churn: 10,000 connect / send / close cycles from 100 clients at
// once. Whatever a connection allocates (its container, subscriptions, timers,
// map entries per address) must go with it.

const CYCLES = 10_000;
const PARALLEL = 100;
const WARM_UP = 200;
/** Generous: the heap after GC is exact to a few MB; RSS keeps what malloc and V8 hold for reuse. */
const HEAP_GROWTH_MB = 24;
const RSS_GROWTH_MB = 256;

/** One cycle; odd ones end gracefully, even ones drop the socket. */
async function cycle(port: number, n: number): Promise<void> {
  const peer = await BytePeer.open(port, { allowHalfOpen: false });
  const message = Buffer.from(`cycle ${n} `.padEnd(16 + ((n * 7919) % 2048), '.'));
  peer.socket.write(message);
  const echoed = await peer.waitForBytes(message.length);
  if (!echoed.equals(message)) throw new Error(`cycle ${n}: echo differs (${echoed.length} bytes for ${message.length})`);
  if (n % 2 === 1) {
    peer.socket.end();
    await peer.closed;
  } else {
    await peer.destroy();
  }
}

const churn = (port: number, cycles: number) => runConcurrently(cycles, PARALLEL, (n) => cycle(port, n));

describe('echo under connection churn', () => {
  let log: CapturedLog;
  let service: RunningService<Buffer, Buffer, Buffer, Buffer>;
  const reasons = new Map<CloseReason['kind'], number>();

  beforeAll(async () => {
    log = capturedLog();
    service = await startService({ ...echoServerOptions(), logger: log.logger });
    service.server.events$.subscribe((event) => {
      if (event.type === 'connection-close') reasons.set(event.reason.kind, (reasons.get(event.reason.kind) ?? 0) + 1);
    });
  });

  afterAll(() => service.close());

  it(`runs ${CYCLES.toLocaleString('en')} cycles from ${PARALLEL} clients and returns to nothing`, async () => {
    await churn(service.port, WARM_UP);
    await until(() => service.server.connectionCount === 0, 'the warm-up connections to close');
    const before = await settledMemory();

    await churn(service.port, CYCLES);

    await until(() => service.server.connectionCount === 0, 'every connection to close');
    expect(service.server.stats()).toMatchObject({
      connections: 0,
      liveContainers: 0,
      paused: 0,
      pendingOutputBytes: 0,
      accepted: WARM_UP + CYCLES,
      rejected: 0,
    });
    const closed = [...reasons.values()].reduce((sum, n) => sum + n, 0);
    expect(closed).toBe(WARM_UP + CYCLES);
    // Peers that ended or dropped: nothing the server did on its own.
    expect([...reasons.keys()].filter((kind) => kind !== 'peer-end' && kind !== 'peer-reset')).toEqual([]);
    expect(log.errors()).toEqual([]);

    const after = await settledMemory();
    expect(after.heapMb - before.heapMb).toBeLessThan(HEAP_GROWTH_MB);
    expect(after.rssMb - before.rssMb).toBeLessThan(RSS_GROWTH_MB);
  }, 60_000);
});
