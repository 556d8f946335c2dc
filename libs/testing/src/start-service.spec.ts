import { linesCodec } from '@weir/codecs';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import { startService, type RunningService } from './start-service';
import { TestClient } from './test-client';

@Plugin()
class Talk {
  @Handle('echo')
  echo(line: string): string {
    return line.slice(5);
  }

  @Handle('count')
  count(line: string, context: MessageContext<string, string>): void {
    const n = Number(line.split(' ')[1]);
    for (let i = 1; i <= n; i++) context.reply(String(i));
  }

  @Handle('silent')
  silent(): void {}

  @Handle('quit')
  quit(_line: string, context: MessageContext<string, string>): void {
    context.connection.close({ kind: 'closed', detail: 'QUIT' }, 'bye');
  }
}

describe('startService and TestClient', () => {
  let service: RunningService<string, string, string, string>;
  beforeEach(async () => {
    service = await startService({ codec: linesCodec(), plugins: [Talk], route: (line) => line.split(' ')[0] ?? '' });
  });
  afterEach(() => service.close());

  it('starts on 127.0.0.1 and an ephemeral port, and answers requests', async () => {
    expect(service.host).toBe('127.0.0.1');
    expect(service.port).toBeGreaterThan(0);
    expect(service.server.address()?.port).toBe(service.port);
    const client = await service.client();
    expect(await client.request('echo hi')).toBe('hi');
  });

  it('queues replies that arrive before anyone awaits them', async () => {
    const client = await service.client();
    client.send('echo a', 'echo b');
    const deadline = Date.now() + 5000;
    while (client.buffered < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(client.buffered).toBe(2);
    expect(await client.next()).toBe('a');
    expect(await client.next()).toBe('b');
    expect(client.buffered).toBe(0);
  });

  it('collects n replies in order', async () => {
    const client = await service.client();
    client.send('count 3');
    expect(await client.collect(3)).toEqual(['1', '2', '3']);
  });

  it('rejects next(), request() and collect() when no reply comes in time', async () => {
    const client = await service.client();
    await expect(client.next(30)).rejects.toThrow('no reply within 30 ms');
    await expect(client.request('silent', 30)).rejects.toThrow('no reply within 30 ms');
    client.send('count 2');
    await expect(client.collect(3, 200)).rejects.toThrow(/no reply within \d+ ms/);
    // A timed-out wait does not swallow a later reply.
    expect(await client.request('echo still here')).toBe('still here');
  });

  it('rejects waiting reads when the server closes the connection, and reports why', async () => {
    const client = await service.client();
    const waiting = client.next(5000);
    client.send('quit');
    expect(await waiting).toBe('bye');
    await expect(client.next(5000)).rejects.toThrow('connection ended');
    // The core client saw the server's end: the reason is the peer's.
    expect((await client.closed).kind).toBe('peer-end');
  });

  it('closes its clients and then the server', async () => {
    const clients = [await service.client(), await service.client()];
    await service.close();
    for (const client of clients) expect(client.connection.isClosed).toBe(true);
    expect(service.server.connectionCount).toBe(0);
    await expect(TestClient.connect(service.port, linesCodec())).rejects.toThrow(/ECONNREFUSED/);
  });

  it('ends its side with end(): the server sees the peer end', async () => {
    const client = await service.client();
    expect(await client.request('echo first')).toBe('first');
    const closed = new Promise((resolve) =>
      service.server.events$.subscribe((e) => e.type === 'connection-close' && resolve(e.reason.kind)),
    );
    client.end();
    expect(await closed).toBe('peer-end');
    expect((await client.closed).kind).toBe('closed');
  });

  it('makes standalone clients with TestClient.connect, closed with their reason', async () => {
    const client = await TestClient.connect(service.port, linesCodec());
    expect(await client.request('echo solo')).toBe('solo');
    await client.close();
    expect(await client.closed).toEqual({ kind: 'closed', detail: 'test client closed' });
  });
});
