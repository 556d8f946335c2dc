import type { IrcMessage } from '@weir/codecs';
import { startChat, type RunningChat } from '../testing/chat-harness';
import type { RawIrcClient } from '../testing/raw-irc-client';

const commands = (messages: IrcMessage[]) => messages.map((m) => m.command);

describe('channel membership and who hears what', () => {
  let chat: RunningChat;
  let a: RawIrcClient;
  let b: RawIrcClient;
  let c: RawIrcClient;

  beforeEach(async () => {
    chat = await startChat({ maxChannels: 3 });
    a = await chat.raw('amy');
    b = await chat.raw('ben');
    c = await chat.raw('cat');
  });

  afterEach(async () => {
    await chat.close();
  });

  it('answers a JOIN with JOIN, the topic and NAMES; the creator is @ and the others hear the JOIN', async () => {
    a.send('JOIN #room');
    const first = await a.until('366');
    expect(first[0]).toMatchObject({ prefix: 'amy!amy@127.0.0.1', command: 'JOIN', params: ['#room'] });
    expect(first[1]).toMatchObject({ command: '353', params: ['amy', '=', '#room', '@amy'] });
    expect(first[2]).toMatchObject({ command: '366', params: ['amy', '#room', 'End of /NAMES list'] });

    a.send('TOPIC #room :the topic');
    await a.expect('TOPIC');
    b.send('JOIN #room');
    const second = await b.until('366');
    expect(commands(second)).toEqual(['JOIN', '332', '333', '353', '366']);
    expect(second[1].params).toEqual(['ben', '#room', 'the topic']);
    expect(second[2].params.slice(0, 3)).toEqual(['ben', '#room', 'amy']);
    expect(second[3].params[3].split(' ').sort()).toEqual(['@amy', 'ben']);

    expect(await a.sync()).toEqual([expect.objectContaining({ prefix: 'ben!ben@127.0.0.1', command: 'JOIN', params: ['#room'] })]);
    expect(await c.sync()).toEqual([]);
  });

  it('joins comma lists with keys, refuses a wrong key (475) and leaves everything with JOIN 0', async () => {
    a.send('JOIN #one,#two');
    await a.until('366');
    await a.until('366');
    a.send('MODE #two +k sesame');
    await a.expect('MODE');
    b.send('JOIN #one,#two nokey,wrong');
    const replies = await b.until('475');
    expect(replies[replies.length - 1].params).toEqual(['ben', '#two', 'Cannot join channel (+k)']);
    b.send('JOIN #two,#one sesame');
    await b.until('366');
    expect(await b.sync()).toEqual([]);
    b.send('JOIN 0');
    const parts = await b.sync();
    expect(parts.map((m) => `${m.command} ${m.params[0]}`).sort()).toEqual(['PART #one', 'PART #two']);
    expect(commands(await a.sync())).toEqual(['JOIN', 'JOIN', 'PART', 'PART']);
  });

  it('sends PART with its reason to the channel only; 403 and 442 for channels one is not on', async () => {
    a.send('JOIN #p');
    await a.until('366');
    b.send('JOIN #p');
    await b.until('366');
    await a.sync();
    b.send('PART #p :gone fishing');
    expect(await b.next()).toMatchObject({ prefix: 'ben!ben@127.0.0.1', command: 'PART', params: ['#p', 'gone fishing'] });
    expect(await a.sync()).toEqual([expect.objectContaining({ command: 'PART', params: ['#p', 'gone fishing'] })]);
    expect(await c.sync()).toEqual([]);
    c.send('PART #p');
    expect(await c.next()).toMatchObject({ command: '442', params: ['cat', '#p', "You're not on that channel"] });
    c.send('PART #nowhere');
    expect(await c.next()).toMatchObject({ command: '403', params: ['cat', '#nowhere', 'No such channel'] });
    c.send('PART');
    expect(await c.next()).toMatchObject({ command: '461', params: ['cat', 'PART', 'Not enough parameters'] });
  });

  it('folds channel names by rfc1459: #Chan[1] and #chan{1} are one channel, and it disappears when empty', async () => {
    a.send('JOIN #Chan[1]');
    await a.until('366');
    b.send('JOIN #chan{1}');
    const joined = await b.until('366');
    expect(joined[0].params).toEqual(['#Chan[1]']);
    a.send('PART #CHAN{1}');
    b.send('PART #chan[1]');
    await a.expect('PART');
    await b.expect('PART');
    c.send('LIST');
    expect(commands(await c.until('323'))).toEqual(['321', '323']);
  });

  it('sends a NICK change once to each neighbour, however many channels they share, and to no one else', async () => {
    for (const channel of ['#x', '#y']) {
      a.send(`JOIN ${channel}`);
      await a.until('366');
      b.send(`JOIN ${channel}`);
      await b.until('366');
    }
    c.send('JOIN #z');
    await c.until('366');
    await a.sync();
    a.send('NICK Amelia');
    expect(await a.next()).toMatchObject({ prefix: 'amy!amy@127.0.0.1', command: 'NICK', params: ['Amelia'] });
    expect(await b.sync()).toEqual([expect.objectContaining({ prefix: 'amy!amy@127.0.0.1', command: 'NICK', params: ['Amelia'] })]);
    expect(await c.sync()).toEqual([]);
    // The old nick is free, the new one taken in any case.
    c.send('NICK AMELIA');
    expect((await c.next()).command).toBe('433');
    c.send('NICK amy');
    expect((await c.next()).params).toEqual(['amy']);
  });

  it('sends QUIT with its reason once to each neighbour, ERROR to the quitter, and frees the nick', async () => {
    for (const channel of ['#x', '#y']) {
      a.send(`JOIN ${channel}`);
      await a.until('366');
      b.send(`JOIN ${channel}`);
      await b.until('366');
    }
    await a.sync();
    a.send('QUIT :time to go');
    expect(await a.next()).toMatchObject({ command: 'ERROR', params: ['Closing Link: 127.0.0.1 (Quit: time to go)'] });
    await a.closed;
    expect(await b.sync()).toEqual([expect.objectContaining({ prefix: 'amy!amy@127.0.0.1', command: 'QUIT', params: ['Quit: time to go'] })]);
    expect(await c.sync()).toEqual([]);
    c.send('NICK amy');
    expect((await c.next()).command).toBe('NICK');
  });

  it('sends QUIT :Connection closed when a socket just drops', async () => {
    a.send('JOIN #drop');
    await a.until('366');
    b.send('JOIN #drop');
    await b.until('366');
    await a.close();
    expect(await b.expect('QUIT')).toMatchObject({ prefix: 'amy!amy@127.0.0.1', params: ['Connection closed'] });
  });

  it('limits channels per user (405) and checks channel names (476)', async () => {
    a.send('JOIN #c1,#c2,#c3,#c4');
    const replies = await a.until('405');
    expect(replies[replies.length - 1].params).toEqual(['amy', '#c4', 'You have joined too many channels']);
    a.send('JOIN nohash');
    expect(await a.next()).toMatchObject({ command: '476', params: ['nohash', 'Bad Channel Mask'] });
    a.send(`JOIN #${'x'.repeat(60)}`);
    expect((await a.next()).command).toBe('476');
  });

  it('lets operators KICK (482 otherwise, 441 for someone not there)', async () => {
    a.send('JOIN #k');
    await a.until('366');
    b.send('JOIN #k');
    await b.until('366');
    await a.sync();
    b.send('KICK #k amy');
    expect(await b.next()).toMatchObject({ command: '482', params: ['ben', '#k', "You're not channel operator"] });
    a.send('KICK #k cat');
    expect(await a.next()).toMatchObject({ command: '441', params: ['amy', 'cat', '#k', "They aren't on that channel"] });
    a.send('KICK #k ben :behave');
    expect(await a.next()).toMatchObject({ prefix: 'amy!amy@127.0.0.1', command: 'KICK', params: ['#k', 'ben', 'behave'] });
    expect(await b.sync()).toEqual([expect.objectContaining({ command: 'KICK', params: ['#k', 'ben', 'behave'] })]);
    b.send('PRIVMSG #k :still here?');
    expect((await b.next()).command).toBe('404');
  });

  it('INVITEs into +i channels: 341 to the inviter, INVITE to the target, 473 without one, 443 for members', async () => {
    a.send('JOIN #inv');
    await a.until('366');
    a.send('MODE #inv +i');
    await a.expect('MODE');
    b.send('JOIN #inv');
    expect(await b.next()).toMatchObject({ command: '473', params: ['ben', '#inv', 'Cannot join channel (+i)'] });
    a.send('INVITE ben #inv');
    expect(await a.next()).toMatchObject({ command: '341', params: ['amy', 'ben', '#inv'] });
    expect(await b.next()).toMatchObject({ prefix: 'amy!amy@127.0.0.1', command: 'INVITE', params: ['ben', '#inv'] });
    b.send('JOIN #inv');
    expect((await b.next()).command).toBe('JOIN');
    a.send('INVITE ben #inv');
    expect(await a.expect('443')).toMatchObject({ params: ['amy', 'ben', '#inv', 'is already on channel'] });
    c.send('INVITE ben #inv');
    expect((await c.next()).command).toBe('442');
    a.send('INVITE nobody #inv');
    expect((await a.next()).command).toBe('401');
  });
});
