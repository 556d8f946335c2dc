import * as net from 'node:net';
import { startChat, type RunningChat } from '../testing/chat-harness';

/** A client that registers, joins `channel`, then never reads again. */
function stalledClient(port: number, nick: string, channel: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let seen = '';
    socket.setEncoding('latin1');
    socket.once('error', reject);
    socket.on('data', (chunk: string) => {
      seen += chunk;
      if (seen.includes(' 366 ')) {
        socket.removeAllListeners('data');
        socket.pause();
        resolve(socket);
      }
    });
    socket.write(`NICK ${nick}\r\nUSER ${nick} 0 * :${nick}\r\nJOIN ${channel}\r\n`);
  });
}

describe('limits', () => {
  let chat: RunningChat;

  afterEach(async () => {
    await chat.close();
  });

  it('delays a burst past the token bucket and still answers every command, in order', async () => {
    chat = await startChat({ flood: { burst: 3, perSecond: 50, maxQueued: 20 } });
    const client = await chat.raw('burst');
    for (let i = 0; i < 12; i++) client.send(`PING :n${i}`);
    const tokens: string[] = [];
    for (let i = 0; i < 12; i++) tokens.push((await client.expect('PONG')).params[1]);
    expect(tokens).toEqual(Array.from({ length: 12 }, (_, i) => `n${i}`));
  });

  it('cuts off a sustained flood with ERROR (Excess Flood) and tells the channel', async () => {
    chat = await startChat({ flood: { burst: 5, perSecond: 2, maxQueued: 5 } });
    const flooder = await chat.raw('flooder');
    const peer = await chat.raw('peer');
    for (const client of [flooder, peer]) {
      client.send('JOIN #flood');
      await client.until('366');
    }
    for (let i = 0; i < 40; i++) flooder.send(`PRIVMSG #flood :line ${i}`);
    expect(await flooder.expect('ERROR')).toMatchObject({ params: ['Closing Link: 127.0.0.1 (Excess Flood)'] });
    await flooder.closed;
    const seen = await peer.until('QUIT');
    expect(seen[seen.length - 1]).toMatchObject({ prefix: 'flooder!flooder@127.0.0.1', params: ['Excess Flood'] });
    expect(seen.filter((m) => m.command === 'PRIVMSG').length).toBeLessThan(40);
  });

  it('refuses connections past --max-per-ip with ERROR', async () => {
    chat = await startChat({}, { maxPerAddress: 2 });
    await chat.raw('one');
    await chat.raw('two');
    const third = await chat.raw();
    expect(await third.next()).toMatchObject({ command: 'ERROR', params: ['Closing Link: * (too many connections from your address)'] });
    await third.closed;
  });

  it('disconnects a client that never reads once its output passes the send queue, and the channel sees why', async () => {
    chat = await startChat({}, { sendQueueBytes: 64 * 1024 });
    const stalled = await stalledClient(chat.port, 'sleepy', '#busy');
    const talker = await chat.raw('talker');
    talker.send('JOIN #busy');
    await talker.until('366');
    const text = 'z'.repeat(400);
    let quit: unknown;
    const watcher = talker.expect('QUIT', 60_000).then((message) => (quit = message));
    for (let batch = 0; batch < 200 && quit === undefined; batch++) {
      for (let i = 0; i < 500; i++) talker.send(`PRIVMSG #busy :${text}`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(await watcher).toMatchObject({ prefix: 'sleepy!sleepy@127.0.0.1', params: ['SendQ exceeded'] });
    expect(chat.service.server.stats().pendingOutputBytes).toBeLessThan(1024 * 1024);
    stalled.destroy();
  });
});
