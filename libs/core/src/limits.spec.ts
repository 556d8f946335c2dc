import { linesCodec } from '@weir/codecs';
import { Handle, Plugin } from './plugin';
import type { ServerOptions } from './server-options';
import { listen, nextEvent, RawPeer, until, type Listening } from './testing/harness';

@Plugin()
class Echo {
  @Handle('message')
  echo(line: string): string {
    return `echo:${line}`;
  }
}

const base: ServerOptions<string, string> = {
  codec: linesCodec(),
  plugins: [Echo],
  replies: { rejected: (reason) => `ERR ${reason}` },
};

describe('connection limits', () => {
  let running: Listening<string, string>;
  const peers: RawPeer[] = [];
  const open = async (options: { localAddress?: string } = {}) => {
    const peer = await RawPeer.open(running.port, options);
    peers.push(peer);
    return peer;
  };
  /** A peer the server has taken in (its first message answered). */
  const admitted = async (options: { localAddress?: string } = {}) => {
    const peer = await open(options);
    peer.write('hi\n');
    await peer.waitForLines(1);
    return peer;
  };
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((p) => p.destroy()));
    await running.server.close(500);
  });

  it('refuses connections past maxConnections with replies.rejected, and admits again once one leaves', async () => {
    running = await listen({ ...base, maxConnections: 2 });
    const first = await admitted();
    await admitted();
    const rejected = nextEvent(running.server, 'connection-rejected');
    const third = await open();
    await third.ended;
    expect(third.text).toBe('ERR max number of clients reached\n');
    expect(await rejected).toMatchObject({ reason: 'max number of clients reached', remoteAddress: '127.0.0.1' });
    expect(running.server.stats()).toMatchObject({ connections: 2, rejected: 1, accepted: 2 });

    await first.destroy();
    await until(() => running.server.stats().connections === 1, 'a place to free up');
    const fourth = await admitted();
    expect(fourth.lines()).toEqual(['echo:hi']);
  });

  it('refuses connections past maxConnectionsPerAddress from one address only', async () => {
    running = await listen({ ...base, maxConnectionsPerAddress: 2 });
    const first = await admitted();
    await admitted();
    const crowded = await open();
    await crowded.ended;
    expect(crowded.text).toBe('ERR too many connections from your address\n');

    // Another loopback address is another peer (Linux routes all of 127/8 to lo).
    const elsewhere = await admitted({ localAddress: '127.0.0.2' });
    expect(elsewhere.lines()).toEqual(['echo:hi']);

    await first.destroy();
    await until(() => running.server.stats().connections === 2, 'the first peer to leave');
    await admitted();
    expect(running.server.stats()).toMatchObject({ connections: 3, rejected: 1 });
  });

  it('ends a refused socket without a reply when the protocol has none', async () => {
    running = await listen({ ...base, replies: {}, maxConnections: 1 });
    await admitted();
    const refused = await open();
    await refused.ended;
    expect(refused.text).toBe('');
  });
});
