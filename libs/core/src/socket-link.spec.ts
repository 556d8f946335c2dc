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
