import { frameworkClient, quitClient } from '../testing/framework-client';
import { startChat, type RunningChat } from '../testing/chat-harness';

describe('the server PINGs idle clients', () => {
  let chat: RunningChat;

  beforeEach(async () => {
    chat = await startChat({ serverName: 'irc.test', pingIntervalMs: 100, pingTimeoutMs: 400 });
  });

  afterEach(async () => {
    await chat.close();
  });

  it('PINGs a silent client, keeps it while it answers, and closes it with ERROR (Ping timeout) when it stops', async () => {
    const quiet = await chat.raw('quiet');
    const peer = await chat.raw('peer');
    peer.autoPong = true;
    for (const client of [quiet, peer]) {
      client.send('JOIN #idle');
      await client.until('366');
    }
    expect(await quiet.expect('PING')).toEqual({ command: 'PING', params: ['irc.test'] });
    quiet.send('PONG :irc.test');
    expect(await quiet.expect('PING')).toEqual({ command: 'PING', params: ['irc.test'] });
    expect(await quiet.expect('ERROR')).toEqual({ command: 'ERROR', params: ['Closing Link: 127.0.0.1 (Ping timeout)'] });
    await quiet.closed;
    expect(await peer.expect('QUIT')).toMatchObject({ prefix: 'quiet!quiet@127.0.0.1', params: ['Ping timeout'] });
  });

  it('closes a connection that never registers', async () => {
    const lurker = await chat.raw();
    expect((await lurker.expect('PING')).command).toBe('PING');
    expect((await lurker.expect('ERROR')).params).toEqual(['Closing Link: 127.0.0.1 (Ping timeout)']);
    await lurker.closed;
  });

  it('keeps a real client that answers PINGs on its own', async () => {
    const client = await frameworkClient(chat.port, 'steady');
    const pings: unknown[] = [];
    client.on('ping', (event) => pings.push(event));
    for (let waited = 0; pings.length < 3 && waited < 100; waited++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pings.length).toBeGreaterThanOrEqual(3);
    expect(client.connected).toBe(true);
    await quitClient(client);
  });

  it('answers a client PING with PONG <server> <token>, and 409 without a token', async () => {
    const raw = await chat.raw('pinger');
    raw.send('PING :are you there');
    expect(await raw.expect('PONG')).toEqual({ prefix: 'irc.test', command: 'PONG', params: ['irc.test', 'are you there'] });
    raw.send('PING');
    expect(await raw.expect('409')).toMatchObject({ params: ['pinger', 'No origin specified'] });
  });
});
