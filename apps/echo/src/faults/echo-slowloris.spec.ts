import type { CloseReason, ServerEvent } from '@weir/core';
import { startService, type RunningService } from '@weir/testing';
import { echoServerOptions } from '../echo.service';
import { BytePeer } from './support/byte-peer';
import { capturedLog, type CapturedLog } from '@weir/testing';
import { sleep, until } from '@weir/testing';

// Slowloris against echo: a peer that trickles one byte a second and one that
// sends nothing hold a connection each for as long as the server lets them.
// With an idle timeout shorter than their silences, both are closed, while
// peers that keep talking are served throughout.

/** Short, yet well above a busy test machine's event-loop stalls (a stall past it would close the talkers too). */
const IDLE_MS = 700;
const ACTIVE_PEERS = 5;
const TICK_MS = 50;
const MAX_TICKS = 600;

describe('echo against slow and silent peers', () => {
  let log: CapturedLog;
  let service: RunningService<Buffer, Buffer, Buffer, Buffer>;
  const reasons = new Map<number, CloseReason>();

  beforeEach(async () => {
    log = capturedLog();
    reasons.clear();
    service = await startService({ ...echoServerOptions(), idle: { readIdleMs: IDLE_MS }, logger: log.logger });
    service.server.events$.subscribe((event: ServerEvent) => {
      if (event.type === 'connection-close') reasons.set(event.connection.remotePort, event.reason);
    });
  });

  afterEach(() => service.close());

  it('closes a one-byte-a-second peer and a silent one for idleness, and keeps serving the others', async () => {
    // Like most clients, these end their side when the server ends its own.
    const open = () => BytePeer.open(service.port, { allowHalfOpen: false });
    const silent = await open();
    const trickler = await open();
    const active = await Promise.all(Array.from({ length: ACTIVE_PEERS }, open));

    // The trickler sends a byte a second for up to 5 s; the active peers a line every 50 ms.
    let stop = false;
    const trickling = (async () => {
      for (let i = 0; i < 5 && !trickler.isClosed; i++) {
        trickler.socket.write('x');
        await sleep(1000);
      }
    })();
    const sent = active.map(() => 0);
    const talking = (async () => {
      // Bounded, so a failed wait below cannot leave it running.
      for (let tick = 0; !stop && tick < MAX_TICKS; tick++) {
        active.forEach((peer, i) => {
          const line = `peer ${i} tick ${tick}\n`;
          peer.socket.write(line);
          sent[i] += line.length;
        });
        await sleep(TICK_MS);
      }
    })();

    try {
      await until(() => silent.isClosed && trickler.isClosed, 'the silent peer and the trickler to be closed', 10_000);
    } finally {
      setTimeout(() => (stop = true), 3 * IDLE_MS);
    }
    // The active peers keep talking for a few more idle periods, and must outlive them.
    await Promise.all([trickling, talking]);

    expect(reasons.get(silent.localPort)?.kind).toBe('idle');
    expect(reasons.get(trickler.localPort)?.kind).toBe('idle');
    // The trickler's bytes, before it was cut, came back; and it was ended, not reset.
    expect(trickler.received).toBeGreaterThanOrEqual(1);
    expect(trickler.gotEnd && silent.gotEnd).toBe(true);

    for (const [i, peer] of active.entries()) {
      expect(peer.isClosed).toBe(false);
      await peer.waitForBytes(sent[i]);
      expect(peer.received).toBe(sent[i]);
    }
    expect(service.server.connectionCount).toBe(ACTIVE_PEERS);
    await Promise.all(active.map((peer) => peer.destroy()));
    expect(log.errors()).toEqual([]);
  });
});
