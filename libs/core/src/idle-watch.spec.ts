import { linesCodec } from '@weir/codecs';
import type { Connection } from './connection';
import type { IdleEvent } from './idle-policy';
import { IdleWatch } from './idle-watch';
import { listen, memoryConnection, nextEvent, RawPeer } from './testing/harness';

describe('IdleWatch (swept by hand, no timers)', () => {
  const open = () => memoryConnection<string, string>();

  it('is off unless a read or write period is set', () => {
    expect(new IdleWatch({}, () => []).enabled).toBe(false);
    expect(new IdleWatch({ readIdleMs: 0, writeIdleMs: 0 }, () => []).enabled).toBe(false);
    expect(new IdleWatch({ writeIdleMs: 10 }, () => []).enabled).toBe(true);
  });

  it('closes a connection after one read-idle period when the service has no onIdle', () => {
    const { connection, link } = open();
    const watch = new IdleWatch<string, string>({ readIdleMs: 1000 }, () => [connection]);
    const t0 = connection.lastReadAt;
    watch.sweep(t0 + 999);
    expect(connection.isOpen).toBe(true);
    watch.sweep(t0 + 1000);
    expect(connection.isOpen).toBe(false);
    expect(link.ended).toBe(true);
    connection.linkClosed();
    let reason: unknown;
    connection.closed$.subscribe((r) => (reason = r));
    expect(reason).toEqual({ kind: 'idle', detail: 'no data for 1000 ms' });
  });

  it('counts idle periods in a row, and starts again after a read', () => {
    const { connection } = open();
    const events: IdleEvent[] = [];
    const watch = new IdleWatch<string, string>({ readIdleMs: 100, onIdle: (_c, e) => events.push(e) }, () => [connection]);
    const t0 = connection.lastReadAt;
    watch.sweep(t0 + 100);
    watch.sweep(t0 + 150); // within the second period: nothing
    watch.sweep(t0 + 200);
    expect(events).toEqual([
      { kind: 'read', count: 1 },
      { kind: 'read', count: 2 },
    ]);
    connection.lastReadAt = t0 + 250;
    watch.sweep(t0 + 349);
    watch.sweep(t0 + 350);
    expect(events.at(-1)).toEqual({ kind: 'read', count: 1 });
    // onIdle decides; the watch does not close on its own.
    expect(connection.isOpen).toBe(true);
  });

  it('reports write-idle periods separately, and never closes for them alone', () => {
    const { connection } = open();
    const events: IdleEvent[] = [];
    const watch = new IdleWatch<string, string>({ writeIdleMs: 50, onIdle: (_c, e) => events.push(e) }, () => [connection]);
    watch.sweep(connection.lastWriteAt + 50);
    expect(events).toEqual([{ kind: 'write', count: 1 }]);
    const quiet = new IdleWatch<string, string>({ writeIdleMs: 50 }, () => [connection]);
    quiet.sweep(connection.lastWriteAt + 500);
    expect(connection.isOpen).toBe(true);
  });

  it('leaves closing connections alone', () => {
    const { connection } = open();
    connection.close();
    const seen: Connection<string, string>[] = [];
    const watch = new IdleWatch<string, string>({ readIdleMs: 10, onIdle: (c) => seen.push(c) }, () => [connection]);
    watch.sweep(connection.lastReadAt + 1000);
    expect(seen).toEqual([]);
  });
});

describe('idle timeouts on a server', () => {
  it('closes a silent peer after readIdleMs, with reason idle', async () => {
    const { server, port } = await listen({ codec: linesCodec(), idle: { readIdleMs: 100 } });
    const closed = nextEvent(server, 'connection-close');
    const peer = await RawPeer.open(port);
    await peer.ended;
    expect((await closed).reason.kind).toBe('idle');
    await server.close(500);
  });

  it("lets the service ping first and close on the second silent period", async () => {
    const { server, port } = await listen({
      codec: linesCodec(),
      idle: {
        readIdleMs: 100,
        onIdle: (connection, event) => {
          if (event.kind !== 'read') return;
          if (event.count === 1) connection.send('PING');
          else connection.close({ kind: 'idle', detail: 'no PONG' }, 'ERROR :ping timeout');
        },
      },
    });
    const closed = nextEvent(server, 'connection-close');
    const peer = await RawPeer.open(port);
    await peer.ended;
    expect(peer.lines()).toEqual(['PING', 'ERROR :ping timeout']);
    expect((await closed).reason).toEqual({ kind: 'idle', detail: 'no PONG' });
    await server.close(500);
  });
});
