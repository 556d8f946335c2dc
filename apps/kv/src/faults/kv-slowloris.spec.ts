import type { CloseReason, ServerEvent } from '@weir/core';
import { capturedLog, sleep, until, type CapturedLog } from '@weir/testing';
import { NO_RETRY, startKv, type RunningKv } from '../testing/start-kv';
import { RespPeer } from './support/resp-peer';


// Slowloris against kv. Started as `--idle-timeout 1000` starts it (Redis's
// `timeout 1`), kv closes a peer that has sent no complete command for a
// second: one that sends nothing, one that trickles a command a byte a second,
// and one that trickles faster than the timeout, which only "no complete
// command" (not "no bytes") catches. A real client meanwhile is served throughout.

/** Short, yet well above a busy test machine's event-loop stalls (a stall past it would close the talker too). */
const IDLE_MS = 1000;
const SLOW_TRICKLE_MS = 1000;
const FAST_TRICKLE_MS = 200;
const TALK_EVERY_MS = 100;
/** Bounds the background loops whatever happens to the assertions. */
const MAX_TICKS = 300;
const COMMAND = '*3\r\n$3\r\nSET\r\n$4\r\nslow\r\n$40\r\n' + 'z'.repeat(40) + '\r\n';

describe('kv against slow and silent peers', () => {
  let log: CapturedLog;
  let kv: RunningKv;
  const reasons = new Map<number, CloseReason>();

  beforeAll(async () => {
    log = capturedLog();
    kv = await startKv({}, { logger: log.logger }, { idle: { readIdleMs: IDLE_MS } });
    kv.service.server.events$.subscribe((event: ServerEvent) => {
      if (event.type === 'connection-close') reasons.set(event.connection.remotePort, event.reason);
    });
  });

  afterAll(() => kv.stop());

  it('closes silent and trickling peers on the idle timeout, and keeps serving a talking client', async () => {
    const redis = kv.redis(NO_RETRY);
    expect(await redis.ping()).toBe('PONG');
    // Like most clients, these end their side when the server ends its own.
    const open = () => RespPeer.open(kv.port, { allowHalfOpen: false });
    const [silent, slow, fast] = await Promise.all([open(), open(), open()]);

    /** Resolves to the number of bytes written before the server closed the peer. */
    const trickle = async (peer: RespPeer, everyMs: number) => {
      let i = 0;
      for (; i < COMMAND.length && !peer.isClosed; i++) {
        peer.socket.write(COMMAND[i]);
        await sleep(everyMs);
      }
      return i;
    };
    const trickling = Promise.all([trickle(slow, SLOW_TRICKLE_MS), trickle(fast, FAST_TRICKLE_MS)]);

    let stop = false;
    let issued = 0;
    let answered = 0;
    const talking = (async () => {
      for (let tick = 0; tick < MAX_TICKS && !stop; tick++) {
        issued++;
        if ((await redis.set(`talk:${tick}`, String(tick))) === 'OK' && (await redis.get(`talk:${tick}`)) === String(tick)) answered++;
        await sleep(TALK_EVERY_MS);
      }
    })();

    let trickled: number[] = [];
    try {
      await until(() => silent.isClosed && slow.isClosed && fast.isClosed, 'the slow peers to be closed', 15_000);
      // The talker must outlive a few more idle periods.
      await sleep(3 * IDLE_MS);
    } finally {
      stop = true;
      [, trickled] = await Promise.all([talking, trickling]);
    }

    for (const peer of [silent, slow, fast]) {
      expect(reasons.get(peer.localPort)?.kind).toBe('idle');
      // Ended, not reset, and the half-sent command never ran: no reply at all, as Redis does it.
      expect({ end: peer.gotEnd, error: peer.error?.message, replies: peer.replies }).toEqual({ end: true, error: undefined, replies: [] });
    }
    // The fast trickler got bytes in for longer than the timeout, but never a whole command.
    expect(trickled[1]).toBeGreaterThan(IDLE_MS / FAST_TRICKLE_MS);
    expect(trickled[1]).toBeLessThan(COMMAND.length);
    expect(await redis.exists('slow')).toBe(0);

    expect(answered).toBe(issued);
    expect(issued).toBeGreaterThan(0);
    expect(redis.status).toBe('ready');
    expect(kv.service.server.connectionCount).toBe(1);
    await redis.quit();
    await until(() => kv.service.server.connectionCount === 0, 'the talker to close');
    expect(kv.service.server.stats()).toMatchObject({ liveContainers: 0, pendingOutputBytes: 0 });
    expect(log.errors()).toEqual([]);
  }, 30_000);
});
