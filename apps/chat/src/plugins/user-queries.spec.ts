import { startChat, type RunningChat } from '../testing/chat-harness';
import type { RawIrcClient } from '../testing/raw-irc-client';

describe('NAMES, TOPIC, LIST, WHO, WHOIS, ISON, USERHOST, LUSERS', () => {
  let chat: RunningChat;
  let a: RawIrcClient;
  let b: RawIrcClient;
  let c: RawIrcClient;

  beforeEach(async () => {
    chat = await startChat({ serverName: 'irc.test', network: 'TestNet', topicLen: 20 });
    a = await chat.raw('amy');
    b = await chat.raw('ben');
    c = await chat.raw('cat');
    for (const client of [a, b]) {
      client.send('JOIN #q');
      await client.until('366');
    }
    a.send('MODE #q +v ben');
    await a.sync();
    await b.sync();
  });

  afterEach(async () => {
    await chat.close();
  });

  it('lists NAMES with @ and + (all prefixes with multi-prefix), and only 366 for unknown or secret channels', async () => {
    c.send('NAMES #q');
    const [names, end] = await c.until('366');
    expect(names.params.slice(0, 3)).toEqual(['cat', '=', '#q']);
    expect(names.params[3].split(' ').sort()).toEqual(['+ben', '@amy']);
    expect(end.params).toEqual(['cat', '#q', 'End of /NAMES list']);
    a.send('MODE #q +o ben');
    await a.expect('MODE');
    b.send('CAP REQ :multi-prefix userhost-in-names');
    await b.expect('CAP');
    b.send('NAMES #q');
    expect((await b.expect('353')).params[3].split(' ').sort()).toEqual(['@+ben!ben@127.0.0.1', '@amy!amy@127.0.0.1']);
    c.send('NAMES #none');
    expect(await c.next()).toMatchObject({ command: '366', params: ['cat', '#none', 'End of /NAMES list'] });
    a.send('MODE #q +s');
    await a.expect('MODE');
    c.send('NAMES #q');
    expect(await c.next()).toMatchObject({ command: '366', params: ['cat', '#q', 'End of /NAMES list'] });
    b.send('NAMES #q');
    expect((await b.expect('353')).params.slice(1, 3)).toEqual(['@', '#q']);
  });

  it('splits a long NAMES reply over lines that each fit 512 bytes', async () => {
    const many: RawIrcClient[] = [];
    for (let i = 0; i < 40; i++) {
      const client = await chat.raw(`member_with_a_long_nick_${i}`);
      client.send('JOIN #q');
      many.push(client);
    }
    await Promise.all(many.map((client) => client.until('366')));
    c.send('NAMES #q');
    const replies = await c.until('366');
    const lines = replies.filter((m) => m.command === '353');
    expect(lines.length).toBeGreaterThan(1);
    const nicks = lines.flatMap((m) => m.params[3].split(' '));
    expect(nicks).toHaveLength(42);
    for (const line of lines) expect(`:irc.test 353 cat = #q :${line.params[3]}\r\n`.length).toBeLessThanOrEqual(512);
  });

  it('shows, sets (cut to TOPICLEN) and clears a topic: 331, 332, 333; +t needs an op (482)', async () => {
    c.send('TOPIC #q');
    expect(await c.next()).toMatchObject({ command: '331', params: ['cat', '#q', 'No topic is set'] });
    b.send('TOPIC #q :from a voice');
    expect(await b.next()).toMatchObject({ command: '482', params: ['ben', '#q', "You're not channel operator"] });
    a.send('TOPIC #q :a topic far longer than twenty bytes');
    expect(await a.next()).toMatchObject({ prefix: 'amy!amy@127.0.0.1', command: 'TOPIC', params: ['#q', 'a topic far longer t'] });
    expect((await b.next()).params).toEqual(['#q', 'a topic far longer t']);
    c.send('TOPIC #q');
    const [topic, whoTime] = await c.until('333');
    expect(topic).toMatchObject({ command: '332', params: ['cat', '#q', 'a topic far longer t'] });
    expect(whoTime.params.slice(0, 3)).toEqual(['cat', '#q', 'amy']);
    expect(Number(whoTime.params[3])).toBeGreaterThan(1_600_000_000);
    c.send('TOPIC #q :outsider');
    expect((await c.next()).command).toBe('442');
    a.send('MODE #q -t');
    await a.expect('MODE');
    b.send('TOPIC #q :');
    expect(await b.expect('TOPIC')).toMatchObject({ command: 'TOPIC', params: ['#q', ''] });
    c.send('TOPIC #q');
    expect((await c.next()).command).toBe('331');
  });

  it('LISTs visible channels with member count and topic (321, 322, 323), hiding secret ones', async () => {
    c.send('JOIN #other');
    await c.until('366');
    a.send('TOPIC #q :listed');
    await a.expect('TOPIC');
    c.send('LIST');
    const list = await c.until('323');
    expect(list[0]).toMatchObject({ command: '321', params: ['cat', 'Channel', 'Users  Name'] });
    expect(list.filter((m) => m.command === '322').map((m) => m.params.slice(1))).toEqual(
      expect.arrayContaining([
        ['#q', '2', 'listed'],
        ['#other', '1', ''],
      ]),
    );
    expect(list[list.length - 1].params).toEqual(['cat', 'End of /LIST']);
    a.send('MODE #q +s');
    await a.expect('MODE');
    c.send('LIST');
    expect((await c.until('323')).filter((m) => m.command === '322').map((m) => m.params[1])).toEqual(['#other']);
    b.send('LIST #q');
    expect((await b.until('323')).filter((m) => m.command === '322').map((m) => m.params[1])).toEqual(['#q']);
  });

  it('answers WHO for a channel and for a nick (352 with H/G and prefix, 315)', async () => {
    b.send('AWAY :away');
    await b.expect('306');
    c.send('WHO #q');
    const replies = await c.until('315');
    const rows = replies.filter((m) => m.command === '352').map((m) => m.params);
    expect(rows).toEqual(
      expect.arrayContaining([
        ['cat', '#q', 'amy', '127.0.0.1', 'irc.test', 'amy', 'H@', '0 amy real'],
        ['cat', '#q', 'ben', '127.0.0.1', 'irc.test', 'ben', 'G+', '0 ben real'],
      ]),
    );
    expect(replies[replies.length - 1].params).toEqual(['cat', '#q', 'End of WHO list']);
    c.send('WHO AMY');
    const [row, end] = await c.until('315');
    expect(row.params).toEqual(['cat', '*', 'amy', '127.0.0.1', 'irc.test', 'amy', 'H', '0 amy real']);
    expect(end.params).toEqual(['cat', 'AMY', 'End of WHO list']);
  });

  it('hides +i users from WHO and NAMES to those not sharing a channel (MODE nick +i, 221)', async () => {
    a.send('MODE amy +i');
    expect(await a.next()).toMatchObject({ prefix: 'amy!amy@127.0.0.1', command: 'MODE', params: ['amy', '+i'] });
    a.send('MODE amy');
    expect(await a.next()).toMatchObject({ command: '221', params: ['amy', '+i'] });
    c.send('WHO *');
    const visible = (await c.until('315')).filter((m) => m.command === '352').map((m) => m.params[5]);
    expect(visible.sort()).toEqual(['ben', 'cat']);
    c.send('NAMES #q');
    expect((await c.next()).params[3]).toBe('+ben');
    b.send('WHO #q');
    expect((await b.until('315')).filter((m) => m.command === '352')).toHaveLength(2);
  });

  it('answers WHOIS with 311, 319, 312, 301, 317 and 318; 401 for unknown nicks', async () => {
    b.send('AWAY :gone');
    await b.expect('306');
    c.send('WHOIS Ben');
    const replies = await c.until('318');
    expect(replies.map((m) => m.command)).toEqual(['311', '319', '312', '301', '317', '318']);
    expect(replies[0].params).toEqual(['cat', 'ben', 'ben', '127.0.0.1', '*', 'ben real']);
    expect(replies[1].params).toEqual(['cat', 'ben', '+#q']);
    expect(replies[2].params).toEqual(['cat', 'ben', 'irc.test', 'TestNet']);
    expect(replies[3].params).toEqual(['cat', 'ben', 'gone']);
    expect(replies[4].params[4]).toBe('seconds idle, signon time');
    expect(replies[5].params).toEqual(['cat', 'Ben', 'End of /WHOIS list']);
    c.send('WHOIS ghost');
    expect((await c.until('318')).map((m) => m.command)).toEqual(['401', '318']);
    c.send('WHOIS');
    expect((await c.next()).command).toBe('431');
  });

  it('answers ISON (303) and USERHOST (302)', async () => {
    c.send('ISON amy ghost BEN');
    expect(await c.next()).toMatchObject({ command: '303', params: ['cat', 'amy ben'] });
    b.send('AWAY :zz');
    await b.expect('306');
    c.send('USERHOST amy ben ghost');
    expect(await c.next()).toMatchObject({ command: '302', params: ['cat', 'amy=+amy@127.0.0.1 ben=-ben@127.0.0.1'] });
    c.send('USERHOST');
    expect((await c.next()).command).toBe('461');
  });

  it('answers LUSERS with 251 to 255', async () => {
    await chat.raw();
    c.send('LUSERS');
    const replies = await c.until('255');
    expect(replies.map((m) => m.command)).toEqual(['251', '252', '253', '254', '255']);
    expect(replies[0].params[1]).toBe('There are 3 users and 0 invisible on 1 servers');
    expect(replies[2].params.slice(1)).toEqual(['1', 'unknown connection(s)']);
    expect(replies[3].params.slice(1)).toEqual(['1', 'channels formed']);
    expect(replies[4].params[1]).toBe('I have 3 clients and 0 servers');
  });
});
