import Redis from 'ioredis';
import { createClient } from 'redis';
import { Frame } from '@weir/core';
import { EmbeddedService, startService, type RunningService, type TestClient } from '@weir/testing';
import { respClientCodec, type RespCommand, type RespReply, type RespRequest } from '@weir/codecs';
import { kvServerOptions } from '../kv-server';
import { call } from '../testing/start-kv';
import { bulk, errorOf, int } from '../testing/reply-shapes';

const confirm = (word: string, name: string, count: number): RespReply => ({ type: 'array', value: [bulk(word), bulk(name), int(count)] });
const args = (...words: string[]) => words.map((word) => Buffer.from(word));

/** Resolves with the next `count` messages an ioredis subscriber gets. */
function messages(client: Redis, event: 'message' | 'pmessage', count: number): Promise<string[][]> {
  return new Promise((resolve) => {
    const got: string[][] = [];
    const listener = (...parts: string[]) => {
      got.push(parts);
      if (got.length === count) {
        client.off(event, listener);
        resolve(got);
      }
    };
    client.on(event, listener);
  });
}

async function until(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('pub/sub over real sockets', () => {
  let service: RunningService<RespCommand, RespReply, RespReply, RespRequest>;
  const clients: Redis[] = [];
  const redis = () => {
    const client = new Redis({ port: service.port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    service = await startService(await kvServerOptions({ appendonly: false }), respClientCodec());
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(() => service.close());

  it('delivers to channel and pattern subscribers on another connection and counts receivers', async () => {
    const subscriber = redis();
    const publisher = redis();
    expect(await subscriber.subscribe('news', 'sport')).toBe(2);
    expect(await subscriber.psubscribe('n*')).toBe(3);
    const plain = messages(subscriber, 'message', 2);
    const patterned = messages(subscriber, 'pmessage', 1);
    expect(await publisher.publish('news', 'hello')).toBe(2);
    expect(await publisher.publish('sport', 'goal')).toBe(1);
    expect(await publisher.publish('weather', 'rain')).toBe(0);
    expect(await plain).toEqual([
      ['news', 'hello'],
      ['sport', 'goal'],
    ]);
    expect(await patterned).toEqual([['n*', 'news', 'hello']]);
    expect(await publisher.pubsub('CHANNELS')).toEqual(expect.arrayContaining(['news', 'sport']));
    expect(await publisher.pubsub('CHANNELS', 'n*')).toEqual(['news']);
    expect(await publisher.pubsub('NUMSUB', 'news', 'none')).toEqual(['news', 1, 'none', 0]);
    expect(await publisher.pubsub('NUMPAT')).toBe(1);
  });

  it('confirms each (un)subscription with the running count, and cleans up on disconnect', async () => {
    const raw = await service.client();
    raw.send(['SUBSCRIBE', 'a', 'b', 'a']);
    expect(await raw.collect(3)).toEqual([confirm('subscribe', 'a', 1), confirm('subscribe', 'b', 2), confirm('subscribe', 'a', 2)]);
    raw.send(['PSUBSCRIBE', 'x*']);
    expect(await raw.next()).toEqual(confirm('psubscribe', 'x*', 3));
    raw.send(['UNSUBSCRIBE', 'a', 'zz']);
    expect(await raw.collect(2)).toEqual([confirm('unsubscribe', 'a', 2), confirm('unsubscribe', 'zz', 2)]);
    raw.send(['PUNSUBSCRIBE']);
    expect(await raw.next()).toEqual(confirm('punsubscribe', 'x*', 1));
    raw.send(['UNSUBSCRIBE']);
    expect(await raw.next()).toEqual(confirm('unsubscribe', 'b', 0));
    raw.send(['UNSUBSCRIBE']);
    expect(await raw.next()).toEqual({ type: 'array', value: [bulk('unsubscribe'), { type: 'bulk', value: null }, int(0)] });

    raw.send(['SUBSCRIBE', 'gone']);
    await raw.next();
    const other = redis();
    expect(await other.pubsub('NUMSUB', 'gone')).toEqual(['gone', 1]);
    raw.end();
    await raw.closed;
    await until(async () => (await other.pubsub('NUMSUB', 'gone'))[1] === 0);
    expect(await other.pubsub('NUMSUB', 'gone')).toEqual(['gone', 0]);
    expect(await other.publish('gone', 'x')).toBe(0);
  });

  it('allows only (un)subscribing, PING, QUIT and RESET to a subscribed RESP2 client', async () => {
    const raw: TestClient<RespReply, RespRequest> = await service.client();
    raw.send(['SUBSCRIBE', 'c']);
    await raw.next();
    const refused = (name: string) =>
      errorOf(`ERR Can't execute '${name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`);
    expect(await call(raw, 'GET', 'k')).toEqual(refused('get'));
    // A subcommand is named with its container, as redis-server 7 names it.
    expect(await call(raw, 'config', 'get', 'maxclients')).toEqual(refused('config|get'));
    expect(await call(raw, 'CLIENT', 'GETNAME')).toEqual(refused('client|getname'));
    expect(await call(raw, 'PUBSUB', 'NUMSUB', 'c')).toEqual(refused('pubsub|numsub'));
    // Unknown subcommands and wrong arities are answered before the context is checked.
    expect(await call(raw, 'CLIENT', 'NOSUCH')).toEqual(errorOf("ERR unknown subcommand 'NOSUCH'. Try CLIENT HELP."));
    expect(await call(raw, 'PING')).toEqual({ type: 'array', value: [bulk('pong'), bulk('')] });
    raw.send(['UNSUBSCRIBE', 'c']);
    await raw.next();
    expect(await call(raw, 'PUBLISH', 'c', 'm')).toEqual(int(0));
    raw.end();
  });

  it('drops every subscription on RESET, leaving the subscribe context', async () => {
    const raw: TestClient<RespReply, RespRequest> = await service.client();
    raw.send(['SUBSCRIBE', 'reset-c']);
    raw.send(['PSUBSCRIBE', 'reset-p*']);
    raw.send(['SSUBSCRIBE', 'reset-s']);
    expect(await raw.collect(3)).toEqual([
      confirm('subscribe', 'reset-c', 1),
      confirm('psubscribe', 'reset-p*', 2),
      confirm('ssubscribe', 'reset-s', 1),
    ]);
    expect(await call(raw, 'RESET')).toEqual({ type: 'simple', value: 'RESET' });
    // No longer subscribed: any command runs, and nothing is delivered to the client.
    expect(await call(raw, 'GET', 'k')).toEqual({ type: 'bulk', value: null });
    expect(await call(raw, 'PUBSUB', 'NUMSUB', 'reset-c')).toEqual({ type: 'array', value: [bulk('reset-c'), int(0)] });
    expect(await call(raw, 'PUBSUB', 'SHARDNUMSUB', 'reset-s')).toEqual({ type: 'array', value: [bulk('reset-s'), int(0)] });
    expect(await call(raw, 'PUBSUB', 'NUMPAT')).toEqual(int(0));
    const info = await call(raw, 'CLIENT', 'INFO');
    expect(info.type === 'bulk' && info.value?.toString()).toContain(' flags=N db=0 sub=0 psub=0 ssub=0 ');
    const other = redis();
    expect(await other.publish('reset-c', 'x')).toBe(0);
    expect(await other.publish('reset-pattern', 'x')).toBe(0);
    expect(await other.spublish('reset-s', 'x')).toBe(0);
    // Subscribing again after RESET works as the first time, and so does a second RESET.
    raw.send(['SUBSCRIBE', 'reset-c']);
    expect(await raw.next()).toEqual(confirm('subscribe', 'reset-c', 1));
    expect(await call(raw, 'RESET')).toEqual({ type: 'simple', value: 'RESET' });
    expect(await other.pubsub('NUMSUB', 'reset-c')).toEqual(['reset-c', 0]);
    expect(await call(raw, 'PING')).toEqual({ type: 'simple', value: 'PONG' });
    raw.end();
  });

  it('sends RESP3 pushes, readable by node-redis with RESP: 3', async () => {
    const url = `redis://127.0.0.1:${service.port}`;
    const subscriber = createClient({ url, RESP: 3 });
    const publisher = createClient({ url, RESP: 3 });
    await Promise.all([subscriber.connect(), publisher.connect()]);
    try {
      const received = new Promise<[string, string]>((resolve) => {
        void subscriber.subscribe('resp3', (message, channel) => resolve([channel, message]));
      });
      await until(async () => (await publisher.sendCommand(['PUBSUB', 'NUMSUB', 'resp3']))?.toString().includes('1') ?? false);
      expect(await publisher.publish('resp3', 'pushed')).toBe(1);
      expect(await received).toEqual(['resp3', 'pushed']);
      // RESP3 clients may run other commands while subscribed.
      expect(await subscriber.ping()).toBe('PONG');
    } finally {
      await Promise.all([subscriber.quit(), publisher.quit()]);
    }
  });

  it('shapes a RESP3 subscription as pushes on the wire, messages before the PUBLISH reply', async () => {
    const raw = await service.client();
    await call(raw, 'HELLO', '3');
    raw.send(['SUBSCRIBE', 'self']);
    expect(await raw.next()).toEqual({ type: 'push', value: [bulk('subscribe'), bulk('self'), int(1)] });
    raw.send(['PUBLISH', 'self', 'hi']);
    expect(await raw.collect(2)).toEqual([{ type: 'push', value: [bulk('message'), bulk('self'), bulk('hi')] }, int(1)]);
    raw.end();
  });
});

describe('pub/sub encoding', () => {
  it('encodes a published message once per shape: every receiver of a shape gets the same Frame', async () => {
    const embedded = await EmbeddedService.create(await kvServerOptions({ appendonly: false }));
    try {
      const first = embedded.connect();
      const second = embedded.connect();
      const third = embedded.connect();
      const publisher = embedded.connect();
      for (const client of [first, second]) client.send(args('SUBSCRIBE', 'ch'));
      third.send(args('HELLO', '3')).send(args('SUBSCRIBE', 'ch'));
      for (const client of [first, second, third]) await client.settle();
      publisher.send(args('PUBLISH', 'ch', 'payload'));
      expect(await publisher.settle()).toEqual([int(3)]);
      const [a] = await first.settle();
      const [b] = await second.settle();
      const [c] = await third.settle();
      expect(a).toBeInstanceOf(Frame);
      expect(a).toBe(b);
      expect(c).toBeInstanceOf(Frame);
      expect(c).not.toBe(a);
      expect((a as Frame).bytes.toString()).toBe('*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$7\r\npayload\r\n');
      expect((c as Frame).bytes.toString()).toBe('>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$7\r\npayload\r\n');
    } finally {
      await embedded.close();
    }
  });
});
