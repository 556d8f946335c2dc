import { ircCodec } from '@weir/codecs';
import { startChat, type RunningChat } from '../testing/chat-harness';
import type { RawIrcClient } from '../testing/raw-irc-client';

describe('PRIVMSG, NOTICE and AWAY', () => {
  let chat: RunningChat;
  let a: RawIrcClient;
  let b: RawIrcClient;
  let c: RawIrcClient;

  beforeEach(async () => {
    chat = await startChat();
    a = await chat.raw('amy');
    b = await chat.raw('ben');
    c = await chat.raw('cat');
    for (const client of [a, b]) {
      client.send('JOIN #talk');
      await client.until('366');
    }
    await a.sync();
  });

  afterEach(async () => {
    await chat.close();
  });

  it('relays a channel message to the other members only, and a private one to its target', async () => {
    a.send('PRIVMSG #talk :hello all');
    expect(await b.sync()).toEqual([{ prefix: 'amy!amy@127.0.0.1', command: 'PRIVMSG', params: ['#talk', 'hello all'] }]);
    expect(await a.sync()).toEqual([]);
    expect(await c.sync()).toEqual([]);
    c.send('PRIVMSG AMY,BEN :to you both');
    expect((await a.next()).params).toEqual(['amy', 'to you both']);
    expect((await b.next()).params).toEqual(['ben', 'to you both']);
    a.send('NOTICE #talk :a notice');
    expect((await b.next()).command).toBe('NOTICE');
  });

  it('answers 401, 403, 404 (+n), 411 and 412, and never answers a NOTICE', async () => {
    c.send('PRIVMSG nobody :hi');
    expect(await c.next()).toMatchObject({ command: '401', params: ['cat', 'nobody', 'No such nick/channel'] });
    c.send('PRIVMSG #nowhere :hi');
    expect(await c.next()).toMatchObject({ command: '403', params: ['cat', '#nowhere', 'No such channel'] });
    c.send('PRIVMSG #talk :from outside');
    expect(await c.next()).toMatchObject({ command: '404', params: ['cat', '#talk', 'Cannot send to channel'] });
    c.send('PRIVMSG');
    expect(await c.next()).toMatchObject({ command: '411', params: ['cat', 'No recipient given (PRIVMSG)'] });
    c.send('PRIVMSG amy');
    expect(await c.next()).toMatchObject({ command: '412', params: ['cat', 'No text to send'] });
    c.send('NOTICE nobody :hi').send('NOTICE #nowhere :hi').send('NOTICE #talk :hi').send('NOTICE').send('NOTICE amy');
    expect(await c.sync()).toEqual([]);
    expect(await a.sync()).toEqual([]);
  });

  it('marks users away (306/305) and answers PRIVMSG to them with 301, but not NOTICE', async () => {
    b.send('AWAY :out for lunch');
    expect(await b.next()).toMatchObject({ command: '306', params: ['ben', 'You have been marked as being away'] });
    a.send('PRIVMSG ben :you there?');
    expect(await a.next()).toMatchObject({ command: '301', params: ['amy', 'ben', 'out for lunch'] });
    a.send('NOTICE ben :fyi');
    expect(await a.sync()).toEqual([]);
    b.send('AWAY');
    expect(await b.expect('305')).toMatchObject({ params: ['ben', 'You are no longer marked as being away'] });
    a.send('PRIVMSG ben :back?');
    expect(await a.sync()).toEqual([]);
  });

  it('relays bytes that are not UTF-8 exactly as they came', async () => {
    const line = Buffer.concat([Buffer.from('PRIVMSG #talk :'), Buffer.from([0xff, 0xfe, 0x80, 0x41, 0xc3])]);
    a.send(line);
    const [relayed] = await b.sync();
    expect(Buffer.from(relayed.params[1], 'latin1')).toEqual(Buffer.from([0xff, 0xfe, 0x80, 0x41, 0xc3]));
  });

  it('cuts a relayed line that the sender prefix pushes past 512 bytes, never sending it oversize', async () => {
    // 510 bytes from the client; with `:amy!amy@127.0.0.1 ` in front it would be longer than 512.
    const head = 'PRIVMSG #talk :';
    const text = 'x'.repeat(510 - head.length);
    a.send(head + text);
    const [relayed] = await b.sync();
    // Encoded again without a limit, it is the line as the server wrote it.
    expect(ircCodec({ maxLineBytes: 65536 }).encode(relayed).length).toBe(512);
    expect(text.startsWith(relayed.params[1])).toBe(true);
  });

  it('answers a line over 512 bytes with 417 and keeps the connection', async () => {
    a.send(`PRIVMSG #talk :${'y'.repeat(600)}`);
    expect(await a.next()).toMatchObject({ command: '417', params: ['*', 'Input line was too long'] });
    expect(await b.sync()).toEqual([]);
    a.send('PRIVMSG #talk :short');
    expect((await b.next()).params).toEqual(['#talk', 'short']);
  });

  it('closes with ERROR on a tag section over 8191 bytes', async () => {
    a.send(`@long=${'z'.repeat(9000)} PRIVMSG #talk :tagged`);
    expect(await a.next()).toMatchObject({ command: 'ERROR', params: ['Closing Link: * (Tags too long)'] });
    await a.closed;
    expect(await b.expect('QUIT')).toMatchObject({ prefix: 'amy!amy@127.0.0.1', params: ['Protocol error'] });
  });
});
