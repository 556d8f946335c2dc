import type { CloseReason } from '@weir/core';
import type { RespReply } from '@weir/codecs';
import { capturedLog, runConcurrently, settledMemory, until, type CapturedLog } from '@weir/testing';
import { Keyspace } from '../keyspace/keyspace';
import { PubSub } from '../plugins/pubsub-hub';
import { NO_RETRY, startKv, type RunningKv } from '../testing/start-kv';
import { RespPeer } from './support/resp-peer';
import { request } from './support/resp-junk';
import { array, bulk, int, simple } from '../testing/reply-shapes';


// Connection churn: 10,000 connect / command / close cycles from 100 clients
// at once, as echo's churn test does. Each cycle leaves kv something to forget
// when the connection goes: a subscription, a WATCH and an open MULTI, a
// client blocked in BLPOP, or only its container. Afterwards none of it may
// remain: no connection, container, subscription, watched key or ghost
// waiting on a list.

const CYCLES = 10_000;
const PARALLEL = 100;
const WARM_UP = 200;
/** Generous: the heap after GC is exact to a few MB; RSS keeps what malloc and V8 hold for reuse. */
const HEAP_GROWTH_MB = 24;
const RSS_GROWTH_MB = 256;
const QUEUE = 'churn:queue';
/** Set before the churn; its value is its name. */
const FIXED = 'churn:fixed';

interface Cycle {
  readonly send: Buffer;
  readonly expect: readonly RespReply[];
  /** How the client leaves once answered: QUIT (the server closes), its FIN, or a drop. */
  readonly leave: 'quit' | 'end' | 'destroy';
}

/** Cycle n's requests and replies; which kind it is follows n, so every kind runs about as often. */
function cycleOf(n: number): Cycle {
  const key = `churn:${n % 500}`;
  switch (n % 5) {
    case 0:
      return { send: request('SET', key, String(n)), expect: [simple('OK')], leave: 'end' };
    case 1:
      return {
        send: Buffer.concat([request('SUBSCRIBE', `news:${n % 50}`, 'news:all'), request('PSUBSCRIBE', 'news:*')]),
        expect: [array(bulk('subscribe'), bulk(`news:${n % 50}`), int(1)), array(bulk('subscribe'), bulk('news:all'), int(2)), array(bulk('psubscribe'), bulk('news:*'), int(3))],
        leave: 'destroy',
      };
    case 2:
      return {
        send: Buffer.concat([request('WATCH', key, 'churn:watched'), request('MULTI'), request('INCR', 'churn:counter')]),
        expect: [simple('OK'), simple('OK'), simple('QUEUED')],
        leave: n % 2 === 0 ? 'destroy' : 'end',
      };
    case 3:
      // Blocks for good: only the close can release it. PING first, so its answer shows BLPOP was read.
      return { send: Buffer.concat([request('PING'), request('BLPOP', QUEUE, '0')]), expect: [simple('PONG')], leave: 'destroy' };
    default:
      return { send: Buffer.concat([request('GET', FIXED), request('QUIT')]), expect: [bulk(FIXED), simple('OK')], leave: 'quit' };
  }
}

async function cycle(port: number, n: number): Promise<void> {
  const { send, expect: expected, leave } = cycleOf(n);
  const peer = await RespPeer.open(port, { allowHalfOpen: false });
  peer.socket.write(send);
  const replies = await peer.waitForReplies(expected.length);
  if (JSON.stringify(replies) !== JSON.stringify(expected)) {
    throw new Error(`cycle ${n}: ${JSON.stringify(replies)} for ${JSON.stringify(expected)}`);
  }
  if (leave === 'end') peer.socket.end();
  else if (leave === 'destroy') peer.socket.destroy();
  await peer.closed;
}

const churn = (port: number, cycles: number) => runConcurrently(cycles, PARALLEL, (n) => cycle(port, n));

describe('kv under connection churn', () => {
  let log: CapturedLog;
  let kv: RunningKv;
  const reasons = new Map<CloseReason['kind'], number>();

  beforeAll(async () => {
    log = capturedLog();
    kv = await startKv({}, { logger: log.logger });
    kv.service.server.events$.subscribe((event) => {
      if (event.type === 'connection-close') reasons.set(event.reason.kind, (reasons.get(event.reason.kind) ?? 0) + 1);
    });
  });

  afterAll(() => kv.stop());

  it(`runs ${CYCLES.toLocaleString('en')} cycles from ${PARALLEL} clients and keeps nothing of them`, async () => {
    const setup = kv.redis(NO_RETRY);
    expect(await setup.set(FIXED, FIXED)).toBe('OK');
    await setup.quit();
    await churn(kv.port, WARM_UP);
    await until(() => kv.service.server.connectionCount === 0, 'the warm-up connections to close');
    const before = await settledMemory();

    await churn(kv.port, CYCLES);

    await until(() => kv.service.server.connectionCount === 0, 'every connection to close');
    expect(kv.service.server.stats()).toMatchObject({
      connections: 0,
      liveContainers: 0,
      paused: 0,
      pendingOutputBytes: 0,
      accepted: 1 + WARM_UP + CYCLES,
      rejected: 0,
    });
    const closed = [...reasons.values()].reduce((sum, n) => sum + n, 0);
    expect(closed).toBe(1 + WARM_UP + CYCLES);
    // Every close was the client's doing (its FIN, its drop) or its QUIT's; nothing was cut by the server.
    expect([...reasons.keys()].filter((kind) => !['peer-end', 'peer-reset', 'closed'].includes(kind))).toEqual([]);
    expect(log.errors()).toEqual([]);

    // What connections registered with shared services went with them.
    const container = kv.service.server.container;
    expect(container.resolve(PubSub).subscriptionCount).toBe(0);
    expect(container.resolve(Keyspace).watchedKeyCount).toBe(0);
    // Seen from a client: no subscriber left to hear a message, no ghost blocked on the list to take an element.
    const redis = kv.redis(NO_RETRY);
    expect(await redis.publish('news:all', 'anyone?')).toBe(0);
    expect(await redis.pubsub('NUMPAT')).toBe(0);
    expect(await redis.rpush(QUEUE, 'left alone')).toBe(1);
    expect(await redis.llen(QUEUE)).toBe(1);
    // The queued INCRs were never run: each MULTI died with its connection.
    expect(await redis.get('churn:counter')).toBeNull();
    await redis.quit();
    await until(() => kv.service.server.connectionCount === 0, 'the checking client to close');

    const after = await settledMemory();
    expect(after.heapMb - before.heapMb).toBeLessThan(HEAP_GROWTH_MB);
    expect(after.rssMb - before.rssMb).toBeLessThan(RSS_GROWTH_MB);
  }, 30_000);
});
