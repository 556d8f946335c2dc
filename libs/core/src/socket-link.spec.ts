import { once } from 'node:events';
import { createServer, connect, type Socket } from 'node:net';
import type { Encoded } from '@weir/codecs';
import { SocketLink } from './socket-link';

/** What a peer reads when one batch of replies is written through a SocketLink and the link ends. */
async function received(batch: Encoded[]): Promise<Buffer> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const client = connect(address.port, '127.0.0.1');
  const [socket] = (await once(server, 'connection')) as [Socket];
  const chunks: Buffer[] = [];
  client.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = once(client, 'end');
  const link = new SocketLink<Encoded>(socket, (item) => item, { flushed: () => undefined });
  link.cork();
  for (const item of batch) link.write(item);
  link.uncork();
  link.end();
  await ended;
  client.destroy();
  socket.destroy();
  server.close();
  return Buffer.concat(chunks);
}

describe('SocketLink', () => {
  const expected = (batch: Encoded[]) => Buffer.concat(batch.map((item) => (typeof item === 'string' ? Buffer.from(item) : item)));

  it('joins a batch of strings and Buffers, multi-byte characters included, into the same bytes', async () => {
    const batch: Encoded[] = ['$2\r\né\r\n', Buffer.from([0, 13, 10, 255]), '€ and 😀', Buffer.alloc(0), '+OK\r\n', Buffer.from('tail')];
    expect(await received(batch)).toEqual(expected(batch));
  });

  it('writes a batch of strings, and a large mixed batch, unchanged', async () => {
    const strings: Encoded[] = ['+OK\r\n', ':1\r\n', '$3\r\nabc\r\n'];
    expect(await received(strings)).toEqual(expected(strings));
    const large: Encoded[] = [Buffer.alloc(40_000, 1), 'ü'.repeat(20_000), Buffer.alloc(10, 2)];
    expect(await received(large)).toEqual(expected(large));
  });
});

describe('SocketLink flushing', () => {
  /** `count` connected socket pairs: the server's ends, and the client ends that read them. */
  async function pairs(count: number): Promise<{ servers: Socket[]; clients: Socket[]; close: () => void }> {
    const server = createServer();
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const servers: Socket[] = [];
    const clients: Socket[] = [];
    for (let i = 0; i < count; i++) {
      clients.push(connect(address.port, '127.0.0.1'));
      servers.push(((await once(server, 'connection')) as [Socket])[0]);
    }
    return {
      servers,
      clients,
      close: () => {
        for (const socket of [...servers, ...clients]) socket.destroy();
        server.close();
      },
    };
  }

  const read = (socket: Socket, bytes: number) =>
    new Promise<string>((resolve) => {
      let text = '';
      socket.on('data', (chunk: Buffer) => {
        text += chunk.toString('latin1');
        if (text.length >= bytes) resolve(text);
      });
    });

  it('flushes every link written in one tick, each in one write', async () => {
    const { servers, clients, close } = await pairs(2);
    try {
      const links = servers.map((socket) => new SocketLink<string>(socket, (item) => item, { flushed: () => undefined }));
      const writes = servers.map((socket) => jest.spyOn(socket, 'write'));
      const got = clients.map((client) => read(client, 'a\r\nb\r\n'.length));
      for (const link of links) {
        link.write('a\r\n');
        link.write('b\r\n');
      }
      expect(await Promise.all(got)).toEqual(['a\r\nb\r\n', 'a\r\nb\r\n']);
      for (const write of writes) expect(write).toHaveBeenCalledTimes(1);
    } finally {
      close();
    }
  });

  it('reports the drain to a paused link once its output has gone, and asks for no callback otherwise', async () => {
    const { servers, clients, close } = await pairs(1);
    try {
      const drained = jest.fn();
      const link = new SocketLink<string>(servers[0], (item) => item, { flushed: () => undefined, drained });
      const write = jest.spyOn(servers[0], 'write');
      const first = read(clients[0], 'x\r\n'.length);
      link.write('x\r\n');
      await first;
      expect(write.mock.calls[0][1]).toBeUndefined();
      expect(drained).not.toHaveBeenCalled();

      link.pause();
      link.write('y\r\n');
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(drained).toHaveBeenCalledTimes(1);
      // The drain ends the wait: later writes go without a callback again.
      link.write('z\r\n');
      await new Promise<void>((resolve) => setImmediate(resolve));
      expect(write.mock.calls[2][1]).toBeUndefined();
      expect(drained).toHaveBeenCalledTimes(1);
    } finally {
      close();
    }
  });
});
