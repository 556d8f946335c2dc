import { frameworkClient, quitClient } from '../testing/framework-client';
import { startChat, type RunningChat } from '../testing/chat-harness';

describe('registration', () => {
  let chat: RunningChat;

  afterEach(async () => {
    await chat.close();
  });

  it('registers irc-framework (CAP LS 302, REQ, END) and acknowledges the caps it asked for', async () => {
    chat = await startChat({ network: 'TestNet' });
    const client = await frameworkClient(chat.port, 'alice');
    expect(client.user.nick).toBe('alice');
    expect(client.network.name).toBe('TestNet');
    expect(client.network.cap.enabled.sort()).toEqual(['multi-prefix', 'userhost-in-names']);
    expect(client.network.options['CASEMAPPING']).toBe('rfc1459');
    await quitClient(client);
  });

  it('sends 001-005, LUSERS (251-255) and 422 without a MOTD to a client that never speaks CAP', async () => {
    chat = await startChat({ serverName: 'irc.test', network: 'TestNet', nickLen: 12, channelLen: 40, topicLen: 200, maxChannels: 7 });
    const raw = await chat.raw();
    const burst = await raw.register('bob', 'bobby', 'Bob Real');
    expect(burst.map((m) => m.command)).toEqual(['001', '002', '003', '004', '005', '251', '252', '253', '254', '255', '422']);
    expect(burst.every((m) => m.prefix === 'irc.test' && m.params[0] === 'bob')).toBe(true);
    expect(burst[0].params[1]).toBe('Welcome to the TestNet Network, bob!bobby@127.0.0.1');
    expect(burst[3].params.slice(1, 5)).toEqual(['irc.test', expect.any(String), 'i', 'biklmnostv']);
    const tokens = burst[4].params.slice(1, -1);
    expect(tokens).toEqual(
      expect.arrayContaining([
        'CASEMAPPING=rfc1459',
        'CHANTYPES=#',
        'CHANLIMIT=#:7',
        'CHANNELLEN=40',
        'NICKLEN=12',
        'TOPICLEN=200',
        'PREFIX=(ov)@+',
        'CHANMODES=b,k,l,imnst',
        'NETWORK=TestNet',
      ]),
    );
    expect(burst[4].params[burst[4].params.length - 1]).toBe('are supported by this server');
    expect(burst[5].params[1]).toBe('There are 1 users and 0 invisible on 1 servers');
    expect(burst[10].params[1]).toBe('MOTD File is missing');
  });

  it('sends the MOTD as 375, 372 lines and 376', async () => {
    chat = await startChat({ motd: ['Hello there', 'Second line'] });
    const raw = await chat.raw();
    const burst = await raw.register('carol');
    const motd = burst.slice(-4);
    expect(motd.map((m) => m.command)).toEqual(['375', '372', '372', '376']);
    expect(motd[1].params[1]).toBe('- Hello there');
    raw.send('MOTD');
    expect((await raw.until('376')).map((m) => m.command)).toEqual(['375', '372', '372', '376']);
  });

  it('holds registration back while CAP negotiation is open, until CAP END', async () => {
    chat = await startChat();
    const raw = await chat.raw();
    raw.send('CAP LS 302').send('NICK dave').send('USER dave 0 * :Dave');
    const ls = await raw.next();
    expect(ls).toMatchObject({ command: 'CAP', params: ['*', 'LS', 'multi-prefix userhost-in-names'] });
    raw.send('CAP REQ :multi-prefix');
    expect(await raw.next()).toMatchObject({ command: 'CAP', params: ['dave', 'ACK', 'multi-prefix'] });
    raw.send('CAP REQ :multi-prefix sasl');
    expect(await raw.next()).toMatchObject({ command: 'CAP', params: ['dave', 'NAK', 'multi-prefix sasl'] });
    raw.send('CAP LIST');
    expect(await raw.next()).toMatchObject({ command: 'CAP', params: ['dave', 'LIST', 'multi-prefix'] });
    raw.send('CAP FOO');
    expect(await raw.next()).toMatchObject({ command: '410', params: ['dave', 'FOO', 'Invalid CAP command'] });
    expect(raw.client.buffered).toBe(0);
    raw.send('CAP END');
    expect((await raw.next()).command).toBe('001');
  });

  it('answers commands before registration with 451, and USER/PASS after it with 462', async () => {
    chat = await startChat();
    const raw = await chat.raw();
    raw.send('JOIN #early');
    expect(await raw.next()).toMatchObject({ command: '451', params: ['*', 'You have not registered'] });
    await raw.register('erin');
    raw.send('USER erin 0 * :again');
    expect(await raw.next()).toMatchObject({ command: '462', params: ['erin', 'You may not reregister'] });
    raw.send('PASS secret');
    expect((await raw.next()).command).toBe('462');
  });

  it('checks nicks: 431 none, 432 erroneous or too long, 433 in use whatever the case (rfc1459)', async () => {
    chat = await startChat({ nickLen: 9 });
    await chat.raw('Nick[a]');
    const raw = await chat.raw();
    raw.send('NICK');
    expect(await raw.next()).toMatchObject({ command: '431', params: ['*', 'No nickname given'] });
    raw.send('NICK 9lives');
    expect(await raw.next()).toMatchObject({ command: '432', params: ['*', '9lives', 'Erroneus nickname'] });
    raw.send('NICK waytoolongnick');
    expect((await raw.next()).command).toBe('432');
    raw.send('NICK :has space');
    expect(await raw.next()).toMatchObject({ command: '432', params: ['*', '*', 'Erroneus nickname'] });
    raw.send('NICK nick{A}');
    expect(await raw.next()).toMatchObject({ command: '433', params: ['*', 'nick{A}', 'Nickname is already in use'] });
    await raw.register('other');
  });

  it('answers 461 for USER with too few params and 421 for unknown commands', async () => {
    chat = await startChat();
    const raw = await chat.raw();
    raw.send('USER onlyone');
    expect(await raw.next()).toMatchObject({ command: '461', params: ['*', 'USER', 'Not enough parameters'] });
    await raw.register('frank');
    raw.send('FROBNICATE now');
    expect(await raw.next()).toMatchObject({ command: '421', params: ['frank', 'FROBNICATE', 'Unknown command'] });
  });

  it('asks for PASS when --password is set: 464 and ERROR for a wrong one', async () => {
    chat = await startChat({ password: 'sesame' });
    const good = await chat.raw();
    good.send('PASS sesame');
    await good.register('gina');
    const bad = await chat.raw();
    bad.send('PASS wrong').send('NICK hank').send('USER hank 0 * :Hank');
    expect(await bad.next()).toMatchObject({ command: '464', params: ['hank', 'Password incorrect'] });
    expect(await bad.next()).toMatchObject({ command: 'ERROR', params: ['Closing Link: 127.0.0.1 (Bad password)'] });
    await bad.closed;
    const none = await chat.raw();
    none.send('NICK ivan').send('USER ivan 0 * :Ivan');
    expect((await none.next()).command).toBe('464');
  });

  it('registers irc-framework with a password', async () => {
    chat = await startChat({ password: 'sesame' });
    const client = await frameworkClient(chat.port, 'judy', { password: 'sesame' });
    expect(client.user.nick).toBe('judy');
    await quitClient(client);
  });
});
