import type { IrcMessage } from '@weir/codecs';
import type { CloseReason, ServerEvent } from '@weir/core';
import { startService, type RunningService } from '@weir/testing';
import { chatServerOptions } from '../chat-server-options';
import { chatSettings } from '../settings/chat-settings';
import { RawIrcClient } from '../testing/raw-irc-client';
import { capturedLog, type CapturedLog } from '@weir/testing';
import { IrcSocket } from './support/irc-socket';
import { sleep, until } from '@weir/testing';

// Slowloris against chat. Idle there means "no complete line", not "no
// bytes": a peer that trickles a byte a second never finishes a line, so the
// server's PING goes unanswered and the peer is closed for it, like one that
// sends nothing at all. Peers that talk are served throughout, and a
// registered trickler's channel hears why it left.

/** Short, yet well above a busy test machine's event-loop stalls. */
const PING_MS = 500;
/** One byte a second; and one every 100 ms, more often than the ping interval, which only "no complete line" catches. */
const SLOW_TRICKLE_MS = 1000;
const FAST_TRICKLE_MS = 100;
/** Bounds the background loops whatever happens to the assertions. */
const MAX_TRICKLE_BYTES = 250;
const MAX_TICKS = 200;

describe('chat against slow and silent peers', () => {
  let log: CapturedLog;
  let service: RunningService<IrcMessage, IrcMessage, IrcMessage, IrcMessage>;
  const reasons = new Map<number, CloseReason>();

  beforeAll(async () => {
    log = capturedLog();
    const settings = chatSettings({ flood: undefined, pingIntervalMs: PING_MS, pingTimeoutMs: PING_MS });
    service = await startService({ ...chatServerOptions(settings), logger: log.logger });
    service.server.events$.subscribe((event: ServerEvent) => {
      if (event.type === 'connection-close') reasons.set(event.connection.remotePort, event.reason);
    });
  });

  afterAll(() => service.close());

  it('closes tricklers and silent peers on the ping timeout, and keeps serving a talking client', async () => {
    const active = await RawIrcClient.connect(service.port);
    await active.register('talker');
    active.send('JOIN #slow');
    await active.until('366');

    const silent = await IrcSocket.open(service.port);
    const unregistered = await IrcSocket.open(service.port);
    const registered = await IrcSocket.open(service.port);
    await registered.registerAndJoin('slowpoke', '#slow');

    /** Resolves to the number of bytes written before the server closed the peer. */
    const trickle = async (peer: IrcSocket, line: string, everyMs: number) => {
      let i = 0;
      for (; i < Math.min(line.length, MAX_TRICKLE_BYTES) && !peer.isClosed; i++) {
        peer.socket.write(line[i]);
        await sleep(everyMs);
      }
      return i;
    };
    const trickling = Promise.all([
      trickle(unregistered, 'NICK slowpoke2\r\n', SLOW_TRICKLE_MS),
      trickle(registered, `PRIVMSG #slow :${'z'.repeat(200)}\r\n`, FAST_TRICKLE_MS),
    ]);

    let stop = false;
    let answered = 0;
    const heard: IrcMessage[] = [];
    const talking = (async () => {
      for (let tick = 0; tick < MAX_TICKS && !stop; tick++) {
        active.send(`PING :tick${tick}`);
        // Everything up to the answer: the trickler's QUIT may come in between.
        heard.push(...(await active.until('PONG')));
        answered++;
        await sleep(PING_MS / 3);
      }
    })();

    let trickled: number[] = [];
    try {
      await until(() => silent.isClosed && unregistered.isClosed && registered.isClosed, 'the slow peers to be closed', 15_000);
    } finally {
      stop = true;
      [, trickled] = await Promise.all([talking, trickling]);
    }

    for (const peer of [silent, unregistered, registered]) {
      expect(reasons.get(peer.localPort)).toEqual({ kind: 'idle', detail: 'Ping timeout' });
      // Pinged first, then told why it was closed.
      expect(peer.text).toContain('PING weir.local\r\n');
      expect(peer.text).toMatch(/ERROR :Closing Link: 127\.0\.0\.1 \(Ping timeout\)\r\n$/);
    }
    // The fast trickler got bytes in for longer than the ping interval, but never a whole line.
    expect(trickled[1]).toBeGreaterThan(PING_MS / FAST_TRICKLE_MS);
    // The talker was answered every time and is still here; it heard the trickler leave.
    expect(answered).toBeGreaterThan(0);
    expect(active.client.connection.isOpen).toBe(true);
    heard.push(...(await active.sync()));
    const quit = heard.find((m) => m.command === 'QUIT');
    expect(quit).toMatchObject({ prefix: 'slowpoke!slowpoke@127.0.0.1', params: ['Ping timeout'] });
    expect(service.server.connectionCount).toBe(1);
    await active.close();
    expect(log.errors()).toEqual([]);
  });
});
