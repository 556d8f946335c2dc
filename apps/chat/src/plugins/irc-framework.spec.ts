import type { Client } from 'irc-framework';
import { frameworkClient, nextEvent, quitClient } from '../testing/framework-client';
import { startChat, type RunningChat } from '../testing/chat-harness';

interface JoinEvent {
  nick: string;
  channel: string;
}
interface MessageEvent {
  nick: string;
  target: string;
  message: string;
  type: string;
}
interface UserlistEvent {
  channel: string;
  users: Array<{ nick: string; modes: string[] }>;
}

/** Two real clients talking through the server, as people would. */
describe('with irc-framework', () => {
  let chat: RunningChat;
  const clients: Client[] = [];

  beforeEach(async () => {
    chat = await startChat();
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => quitClient(client)));
    await chat.close();
  });

  async function connect(nick: string): Promise<Client> {
    const client = await frameworkClient(chat.port, nick);
    clients.push(client);
    return client;
  }

  it('joins a channel, lists its members, talks, sees a nick change and a quit', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');

    const aliceNames = nextEvent<UserlistEvent>(alice, 'userlist');
    alice.join('#weir');
    const firstList = await aliceNames;
    expect(firstList.users).toEqual([expect.objectContaining({ nick: 'alice', modes: ['o'] })]);

    const aliceSeesBob = nextEvent<JoinEvent>(alice, 'join', (e) => e.nick === 'bob');
    const bobNames = nextEvent<UserlistEvent>(bob, 'userlist');
    bob.join('#weir');
    expect((await aliceSeesBob).channel).toBe('#weir');
    const list = await bobNames;
    expect(list.users.map((u) => `${u.modes.join('')}:${u.nick}`).sort()).toEqual([':bob', 'o:alice']);

    const heard = nextEvent<MessageEvent>(alice, 'message', (e) => e.nick === 'bob');
    bob.say('#weir', 'hello, alice — ça va?');
    expect(await heard).toMatchObject({ target: '#weir', message: 'hello, alice — ça va?', type: 'privmsg' });

    const privately = nextEvent<MessageEvent>(bob, 'message', (e) => e.nick === 'alice');
    alice.say('bob', 'psst');
    expect(await privately).toMatchObject({ target: 'bob', message: 'psst' });

    const renamed = nextEvent<{ nick: string; new_nick: string }>(alice, 'nick');
    bob.changeNick('robert');
    expect(await renamed).toMatchObject({ nick: 'bob', new_nick: 'robert' });

    const left = nextEvent<{ nick: string; message: string }>(alice, 'quit');
    await quitClient(bob, 'see you');
    clients.splice(clients.indexOf(bob), 1);
    expect(await left).toMatchObject({ nick: 'robert', message: 'Quit: see you' });
  });

  it('sets and reads a topic, and sees parts with their reason', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    alice.join('#topics');
    await nextEvent(alice, 'userlist');
    bob.join('#topics');
    await nextEvent(bob, 'userlist');

    const topic = nextEvent<{ channel: string; topic: string; nick: string }>(bob, 'topic', (e) => e.nick === 'alice');
    alice.setTopic('#topics', 'all about topics');
    expect(await topic).toMatchObject({ channel: '#topics', topic: 'all about topics' });

    const parted = nextEvent<{ nick: string; channel: string; message: string }>(alice, 'part');
    bob.part('#topics', 'off to lunch');
    expect(await parted).toMatchObject({ nick: 'bob', channel: '#topics', message: 'off to lunch' });
  });

  it('answers WHOIS and WHO the way the library understands', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    alice.join('#who');
    await nextEvent(alice, 'userlist');
    bob.join('#who');
    await nextEvent(bob, 'userlist');

    const whois = await new Promise<Record<string, unknown>>((resolve) => alice.whois('bob', (event) => resolve({ ...event })));
    expect(whois).toMatchObject({ nick: 'bob', ident: 'bob', hostname: '127.0.0.1', real_name: 'bob real', server: 'weir.local' });
    expect(String(whois['channels'])).toContain('#who');

    const who = await new Promise<{ users: Array<{ nick: string; channel_modes?: string[] }> }>((resolve) => bob.who('#who', resolve));
    expect(who.users.map((u) => u.nick).sort()).toEqual(['alice', 'bob']);
  });
});
