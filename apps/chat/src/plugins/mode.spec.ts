import { startChat, type RunningChat } from '../testing/chat-harness';
import type { RawIrcClient } from '../testing/raw-irc-client';

describe('MODE', () => {
  let chat: RunningChat;
  let op: RawIrcClient;
  let member: RawIrcClient;
  let outsider: RawIrcClient;

  beforeEach(async () => {
    chat = await startChat({ modesPerCommand: 3, maxBans: 2 });
    op = await chat.raw('op');
    member = await chat.raw('member');
    outsider = await chat.raw('outsider');
    for (const client of [op, member]) {
      client.send('JOIN #m');
      await client.until('366');
    }
    await op.sync();
  });

  afterEach(async () => {
    await chat.close();
  });

  it('shows channel modes (324, new channels are +nt) and the creation time (329)', async () => {
    outsider.send('MODE #m');
    const [modes, created] = await outsider.until('329');
    expect(modes).toMatchObject({ command: '324', params: ['outsider', '#m', '+nt'] });
    expect(Number(created.params[2])).toBeGreaterThan(1_600_000_000);
    op.send('MODE #m +kl key 5');
    await op.expect('MODE');
    outsider.send('MODE #m');
    expect((await outsider.next()).params).toEqual(['outsider', '#m', '+ntkl', '5']);
    member.send('MODE #m');
    expect((await member.expect('324')).params).toEqual(['member', '#m', '+ntkl', 'key', '5']);
  });

  it('echoes applied changes to every member in one MODE line, and only what changed', async () => {
    op.send('MODE #m +o-t+v+n member member');
    const echoed = { prefix: 'op!op@127.0.0.1', command: 'MODE', params: ['#m', '+o-t+v', 'member', 'member'] };
    expect(await op.next()).toEqual(echoed);
    expect(await member.sync()).toEqual([echoed]);
    expect(await outsider.sync()).toEqual([]);
  });

  it('needs an operator (482) and reports 441, 401, 472 and 696 for bad changes', async () => {
    member.send('MODE #m +m');
    expect(await member.next()).toMatchObject({ command: '482', params: ['member', '#m', "You're not channel operator"] });
    op.send('MODE #m +o outsider');
    expect(await op.next()).toMatchObject({ command: '441', params: ['op', 'outsider', '#m', "They aren't on that channel"] });
    op.send('MODE #m +v ghost');
    expect(await op.next()).toMatchObject({ command: '401', params: ['op', 'ghost', 'No such nick/channel'] });
    op.send('MODE #m +X');
    expect(await op.next()).toMatchObject({ command: '472', params: ['op', 'X', 'is unknown mode char to me'] });
    op.send('MODE #m +l many');
    expect(await op.next()).toMatchObject({ command: '696', params: ['op', '#m', 'l', 'many', 'Invalid limit'] });
    op.send('MODE #m +k a,b');
    expect(await op.next()).toMatchObject({ command: '696', params: ['op', '#m', 'k', 'a,b', 'Invalid key'] });
    op.send('MODE #nowhere +m');
    expect((await op.next()).command).toBe('403');
  });

  it('applies at most MODES changes with a parameter per command', async () => {
    op.send('MODE #m +vvvv member member op outsider');
    const echoed = await op.expect('MODE');
    expect(echoed.params).toEqual(['#m', '+vv', 'member', 'op']);
  });

  it('+m lets only voiced and ops speak (404), +n keeps outsiders out, -n lets them in', async () => {
    op.send('MODE #m +m');
    await op.expect('MODE');
    member.send('PRIVMSG #m :hello?');
    expect(await member.expect('404')).toMatchObject({ params: ['member', '#m', 'Cannot send to channel'] });
    op.send('MODE #m +v member');
    await op.expect('MODE');
    member.send('PRIVMSG #m :now?');
    expect((await op.expect('PRIVMSG')).params).toEqual(['#m', 'now?']);
    op.send('MODE #m -mn');
    await op.expect('MODE');
    outsider.send('PRIVMSG #m :from outside');
    expect((await op.expect('PRIVMSG')).params).toEqual(['#m', 'from outside']);
  });

  it('+l makes a channel full (471), +k needs the key (475), +i needs an invite (473)', async () => {
    op.send('MODE #m +l 2');
    await op.expect('MODE');
    outsider.send('JOIN #m');
    expect(await outsider.next()).toMatchObject({ command: '471', params: ['outsider', '#m', 'Cannot join channel (+l)'] });
    op.send('MODE #m -l+k secret');
    expect((await op.expect('MODE')).params).toEqual(['#m', '-l+k', 'secret']);
    outsider.send('JOIN #m wrong');
    expect((await outsider.next()).command).toBe('475');
    outsider.send('JOIN #m secret');
    expect((await outsider.next()).command).toBe('JOIN');
    outsider.send('PART #m');
    await outsider.expect('PART');
    op.send('MODE #m -k+i whatever');
    expect((await op.expect('MODE')).params).toEqual(['#m', '-k+i', 'secret']);
    outsider.send('JOIN #m');
    expect((await outsider.next()).command).toBe('473');
  });

  it('bans: +b lists with 367/368, blocks JOIN (474) and speech (404), up to MAXLIST', async () => {
    op.send('MODE #m +b outsider');
    expect((await op.next()).params).toEqual(['#m', '+b', 'outsider!*@*']);
    op.send('MODE #m +b *!*@banned.example');
    await op.expect('MODE');
    op.send('MODE #m +b third!*@*');
    expect(await op.next()).toMatchObject({ command: '478', params: ['op', '#m', 'b', 'Channel list is full'] });
    outsider.send('MODE #m b');
    const list = await outsider.until('368');
    expect(list.map((m) => m.params.slice(1, 4))).toEqual([
      ['#m', 'outsider!*@*', 'op'],
      ['#m', '*!*@banned.example', 'op'],
      ['#m', 'End of channel ban list'],
    ]);
    outsider.send('JOIN #m');
    expect(await outsider.next()).toMatchObject({ command: '474', params: ['outsider', '#m', 'Cannot join channel (+b)'] });
    op.send('MODE #m -b+b *!*@banned.example member');
    expect((await op.expect('MODE')).params).toEqual(['#m', '-b+b', '*!*@banned.example', 'member!*@*']);
    member.send('PRIVMSG #m :can I talk?');
    expect((await member.expect('404')).params[1]).toBe('#m');
    op.send('MODE #m -b MEMBER!*@*');
    expect((await op.expect('MODE')).params).toEqual(['#m', '-b', 'member!*@*']);
  });

  it('user modes: only +i, only on yourself (502), unknown flags 501', async () => {
    member.send('MODE op +i');
    expect(await member.next()).toMatchObject({ command: '502', params: ['member', 'Cant change mode for other users'] });
    member.send('MODE member +iw');
    expect((await member.next()).params).toEqual(['member', '+i']);
    expect(await member.next()).toMatchObject({ command: '501', params: ['member', 'Unknown MODE flag'] });
    member.send('MODE member -i');
    expect((await member.next()).params).toEqual(['member', '-i']);
    member.send('MODE member');
    expect(await member.next()).toMatchObject({ command: '221', params: ['member', '+'] });
    member.send('MODE ghost');
    expect((await member.next()).command).toBe('401');
  });

  it('the last one out ends the channel; the next to join creates it anew as operator', async () => {
    op.send('MODE #m +s');
    await op.expect('MODE');
    op.send('PART #m');
    member.send('PART #m');
    await op.expect('PART');
    await member.expect('PART');
    outsider.send('JOIN #m');
    const joined = await outsider.until('366');
    expect(joined[1].params).toEqual(['outsider', '=', '#m', '@outsider']);
  });
});
