import fc from 'fast-check';
import type { ServerEvent } from '@weir/core';
import { startService, type RunningService } from '@weir/testing';
import { echoServerOptions } from '../echo.service';
import { BytePeer } from './support/byte-peer';
import { capturedLog, type CapturedLog } from '@weir/testing';
import { settledMemory } from '@weir/testing';
import { until } from '@weir/testing';

// Many connections at once throw random bytes and protocol-shaped junk at the
// echo server, and leave in every way a peer can. Echo has no framing, so
// nothing is "invalid": the check is that every byte comes back unchanged,
// nothing is logged as an error, and nothing stays behind.

/** Change it (or set WEIR_FAULT_SEED) to explore; a failure names the seed that found it. */
const SEED = Number(process.env.WEIR_FAULT_SEED ?? 0x7e1c0);
const CONNECTIONS = 64;
/** Generous: the heap after GC is exact to a few MB; RSS keeps what malloc and V8 hold for reuse. */
const HEAP_GROWTH_MB = 24;
const RSS_GROWTH_MB = 256;

const latin1 = (text: string) => Buffer.from(text, 'latin1');

/** Bytes that look like some protocol, to tempt a server that guesses. */
const SHAPES: readonly Buffer[] = [
  latin1('\r\n'.repeat(2000)),
  Buffer.alloc(4096, 0),
  Buffer.alloc(8192, 0xff),
  latin1('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: upgrade\r\n\r\n'),
  latin1('*2147483647\r\n$-1\r\n*-5\r\n$99999999999\r\n'),
  latin1(':nick!user@host PRIVMSG #chan :\x01ACTION waves\x01\r\n'),
  latin1(`@${'k=v;'.repeat(3000)} PING :x\r\n`),
  // A TLS ClientHello's first bytes, and telnet option negotiation.
  Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00, 0x01, 0x00, 0x01, 0xfc, 0x03, 0x03]),
  Buffer.from([0xff, 0xfb, 0x01, 0xff, 0xfd, 0x03, 0xff, 0xf4]),
  latin1('\u00ff\u00fe\u0000\u0000'),
];

/** A large blob filled from a seed (fast-check would take long to draw 500 KB byte by byte). */
function blob(size: number, seed: number): Buffer {
  const bytes = Buffer.allocUnsafe(size);
  let x = seed | 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
}

const chunkArbitrary: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 6, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 4096 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 3, arbitrary: fc.constantFrom(...SHAPES) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 64 * 1024, max: 512 * 1024 }), fc.integer()).map(([size, seed]) => blob(size, seed)) },
);

type Ending = 'half-close' | 'destroy-after-echo' | 'destroy-mid-stream' | 'reset-mid-stream';

interface Plan {
  readonly chunks: Buffer[];
  readonly ending: Ending;
}

const planArbitrary: fc.Arbitrary<Plan> = fc.record({
  chunks: fc.array(chunkArbitrary, { minLength: 1, maxLength: 24 }),
  ending: fc.constantFrom<Ending>('half-close', 'destroy-after-echo', 'destroy-mid-stream', 'reset-mid-stream'),
});

/** One connection's life; the peer is dropped when it returns, so its buffers can be collected. */
async function play(port: number, plan: Plan): Promise<void> {
  const peer = await BytePeer.open(port);
  const sent = Buffer.concat(plan.chunks);
  if (plan.ending === 'destroy-mid-stream' || plan.ending === 'reset-mid-stream') {
    for (const chunk of plan.chunks.slice(0, Math.ceil(plan.chunks.length / 2))) peer.socket.write(chunk);
    if (plan.ending === 'reset-mid-stream') peer.socket.resetAndDestroy();
    else peer.socket.destroy();
    await peer.closed;
    return;
  }
  for (const chunk of plan.chunks) await peer.writeAll(chunk);
  if (plan.ending === 'half-close') {
    peer.socket.end();
    await peer.closed;
    // The server's FIN came after every byte: it echoed all of it, then ended.
    if (!peer.gotEnd || !peer.bytes().equals(sent)) {
      throw new Error(`half-close: ${peer.received} of ${sent.length} bytes echoed, end ${peer.gotEnd}, error ${String(peer.error)}`);
    }
  } else {
    await peer.waitForBytes(sent.length);
    if (!peer.bytes().equals(sent)) throw new Error(`echo differs: ${peer.received} bytes back for ${sent.length} sent`);
    await peer.destroy();
  }
}

describe(`echo under garbage (seed ${SEED})`, () => {
  let log: CapturedLog;
  let service: RunningService<Buffer, Buffer, Buffer, Buffer>;
  const closes: Extract<ServerEvent, { type: 'connection-close' }>[] = [];

  beforeAll(async () => {
    log = capturedLog();
    service = await startService({ ...echoServerOptions(), logger: log.logger });
    service.server.events$.subscribe((event) => event.type === 'connection-close' && closes.push(event));
  });

  afterAll(() => service.close());

  it(`echoes ${CONNECTIONS} connections of junk byte for byte, logs no error, and keeps nothing`, async () => {
    const plans = fc.sample(planArbitrary, { seed: SEED, numRuns: CONNECTIONS });
    // A first, small round warms up what any server allocates once (socket
    // pools, JIT code), so the memory bound measures what the junk leaves.
    await Promise.all(plans.map((plan) => play(service.port, { chunks: plan.chunks.slice(0, 1).map((c) => c.subarray(0, 64)), ending: 'half-close' })));
    await until(() => service.server.connectionCount === 0, 'the warm-up connections to close');
    const before = await settledMemory();

    const results = await Promise.allSettled(plans.map((plan) => play(service.port, plan)));
    const failures = results.flatMap((result, i) => (result.status === 'rejected' ? [`#${i} ${plans[i].ending}: ${String(result.reason)}`] : []));
    expect(failures).toEqual([]);

    await until(() => service.server.connectionCount === 0, 'every junk connection to close');
    expect(service.server.stats()).toMatchObject({ connections: 0, liveContainers: 0, paused: 0, pendingOutputBytes: 0 });
    expect(closes).toHaveLength(2 * CONNECTIONS);

    // Still serving: a well-formed request is answered exactly.
    const probe = await BytePeer.open(service.port);
    probe.socket.write('hello, echo\n');
    expect((await probe.waitForBytes(12)).toString()).toBe('hello, echo\n');
    await probe.destroy();

    expect(log.errors()).toEqual([]);
    const after = await settledMemory();
    expect(after.heapMb - before.heapMb).toBeLessThan(HEAP_GROWTH_MB);
    expect(after.rssMb - before.rssMb).toBeLessThan(RSS_GROWTH_MB);
  });
});
