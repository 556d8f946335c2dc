import { createClient } from 'redis';
import { connect } from '@weir/core';
import { respClientCodec } from '@weir/codecs';
import { TestClient } from '@weir/testing';
import { redisServerInstalled, startReferenceRedis } from '../testing/reference-redis';
import { call, startKv, type RunningKv } from '../testing/start-kv';
import { errorOf } from '../testing/reply-shapes';

describe('connection commands', () => {
  let kv: RunningKv;

  beforeAll(async () => {
    kv = await startKv();
  });
  afterAll(() => kv.stop());

  it('PING, ECHO, SELECT and QUIT', async () => {
    const raw = await kv.raw();
    expect(await call(raw, 'PING')).toEqual({ type: 'simple', value: 'PONG' });
    expect(await call(raw, 'PING', 'x')).toEqual({ type: 'bulk', value: Buffer.from('x') });
    expect(await call(raw, 'ECHO', 'hi')).toEqual({ type: 'bulk', value: Buffer.from('hi') });
    expect(await call(raw, 'SELECT', '15')).toEqual({ type: 'simple', value: 'OK' });
    expect(await call(raw, 'SELECT', '16')).toEqual(errorOf('ERR DB index is out of range'));
    expect(await call(raw, 'QUIT')).toEqual({ type: 'simple', value: 'OK' });
    await raw.closed;
  });

  it('HELLO 3 switches to RESP3 for the redis client (maps, nulls), and HELLO 2 back', async () => {
    const client = createClient({ socket: { port: kv.port, host: '127.0.0.1' }, RESP: 3 });
    await client.connect();
    const hello = (await client.sendCommand(['HELLO', '3'])) as Map<string, unknown> | Record<string, unknown>;
    const fields = hello instanceof Map ? Object.fromEntries(hello) : hello;
    expect(fields['server']).toBe('redis');
    expect(fields['proto']).toBe(3);
    expect(fields['mode']).toBe('standalone');
    expect(await client.get('missing')).toBeNull();
    await client.set('k', 'v');
    expect(await client.get('k')).toBe('v');
    expect(await client.configGet('maxmemory-policy')).toEqual({ 'maxmemory-policy': 'noeviction' });
    const info = await client.info('server');
    expect(info).toContain('redis_version:');
    await client.close();

    const raw = await kv.raw();
    const reply = await call(raw, 'HELLO', '3', 'SETNAME', 'conn1');
    expect(reply.type).toBe('map');
    expect(await call(raw, 'GET', 'missing')).toEqual({ type: 'null' });
    expect(await call(raw, 'CLIENT', 'GETNAME')).toEqual({ type: 'bulk', value: Buffer.from('conn1') });
    expect((await call(raw, 'HELLO', '2')).type).toBe('array');
    expect(await call(raw, 'GET', 'missing')).toEqual({ type: 'bulk', value: null });
    expect(await call(raw, 'HELLO', '4')).toEqual(errorOf('NOPROTO unsupported protocol version'));
    expect(await call(raw, 'HELLO', 'x')).toEqual(errorOf('ERR Protocol version is not an integer or out of range'));
    await raw.close();
  });

  it('RESET puts the connection back: database, protocol, MULTI, name', async () => {
    const raw = await kv.raw();
    await call(raw, 'SELECT', '2');
    await call(raw, 'HELLO', '3');
    await call(raw, 'CLIENT', 'SETNAME', 'x');
    await call(raw, 'MULTI');
    expect(await call(raw, 'RESET')).toEqual({ type: 'simple', value: 'RESET' });
    expect(await call(raw, 'CLIENT', 'GETNAME')).toEqual({ type: 'bulk', value: null });
    expect(await call(raw, 'EXEC')).toEqual(errorOf('ERR EXEC without MULTI'));
    await raw.close();
  });

  it('answers 10,000 pipelined commands, written at once, in order', async () => {
    const raw = await kv.raw();
    const commands: string[][] = [];
    for (let i = 0; i < 10_000; i++) commands.push(i % 2 === 0 ? ['SET', `pipe:${i}`, String(i)] : ['GET', `pipe:${i - 1}`]);
    raw.send(...commands);
    const replies = await raw.collect(10_000, 20_000);
    replies.forEach((reply, i) => {
      if (i % 2 === 0) expect(reply).toEqual({ type: 'simple', value: 'OK' });
      else expect(reply).toEqual({ type: 'bulk', value: Buffer.from(String(i - 1)) });
    });
    await raw.close();
  });

  it('answers a protocol error with -ERR Protocol error and closes', async () => {
    const net = await import('node:net');
    const socket = net.connect(kv.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    // Commands, then a bulk length that is no number, in one write: as Redis does, the
    // commands ahead of the bad frame run and are answered, then the error, then the close.
    socket.write('*1\r\n$4\r\nPING\r\n*3\r\n$3\r\nSET\r\n$2\r\npe\r\n$1\r\n1\r\nPING\r\n*1\r\n$x\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(Buffer.concat(received).toString()).toBe('+PONG\r\n+OK\r\n+PONG\r\n-ERR Protocol error: invalid bulk length\r\n');
    const client = await kv.raw();
    expect(await call(client, 'GET', 'pe')).toEqual({ type: 'bulk', value: Buffer.from('1') });
    await client.close();
  });
});

describe('AUTH and --requirepass', () => {
  let kv: RunningKv;

  beforeAll(async () => {
    kv = await startKv({ requirepass: 'secret' });
  });
  afterAll(() => kv.stop());

  it('refuses commands until authenticated, except AUTH, HELLO and QUIT', async () => {
    const raw = await kv.raw();
    expect(await call(raw, 'GET', 'a')).toEqual(errorOf('NOAUTH Authentication required.'));
    expect(await call(raw, 'PING')).toEqual(errorOf('NOAUTH Authentication required.'));
    // Unknown commands and arity are checked first, as Redis does.
    expect(await call(raw, 'FOO')).toEqual(errorOf("ERR unknown command 'FOO', with args beginning with: "));
    expect(await call(raw, 'GET')).toEqual(errorOf("ERR wrong number of arguments for 'get' command"));
    expect(await call(raw, 'AUTH', 'wrong')).toEqual(errorOf('WRONGPASS invalid username-password pair or user is disabled.'));
    expect(await call(raw, 'HELLO', '3')).toEqual(
      errorOf(
        'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
      ),
    );
    expect(await call(raw, 'AUTH', 'secret')).toEqual({ type: 'simple', value: 'OK' });
    expect(await call(raw, 'PING')).toEqual({ type: 'simple', value: 'PONG' });
    await raw.close();
  });

  it('slows down repeated wrong passwords on a connection', async () => {
    const raw = await kv.raw();
    for (let i = 0; i < 5; i++) await call(raw, 'AUTH', 'wrong');
    // The sixth failure waits 5 × 2^5 ms: its reply is not there at once.
    raw.send(['AUTH', 'wrong']);
    await expect(raw.next(20)).rejects.toThrow('no reply');
    expect(await raw.next(2000)).toEqual(errorOf('WRONGPASS invalid username-password pair or user is disabled.'));
    expect(await call(raw, 'AUTH', 'default', 'secret')).toEqual({ type: 'simple', value: 'OK' });
    await raw.close();
  });

  it('lets ioredis and redis authenticate with HELLO AUTH and AUTH', async () => {
    const ioredis = kv.redis({ password: 'secret' });
    expect(await ioredis.ping()).toBe('PONG');
    const client = createClient({ socket: { port: kv.port, host: '127.0.0.1' }, password: 'secret', RESP: 3 });
    await client.connect();
    expect(await client.ping()).toBe('PONG');
    await client.close();
  });

  it('follows CONFIG SET requirepass for new connections', async () => {
    const admin = await kv.raw();
    await call(admin, 'AUTH', 'secret');
    expect(await call(admin, 'CONFIG', 'SET', 'requirepass', 'other')).toEqual({ type: 'simple', value: 'OK' });
    const raw = await kv.raw();
    expect(await call(raw, 'AUTH', 'secret')).toEqual(errorOf('WRONGPASS invalid username-password pair or user is disabled.'));
    expect(await call(raw, 'AUTH', 'other')).toEqual({ type: 'simple', value: 'OK' });
    await call(admin, 'CONFIG', 'SET', 'requirepass', 'secret');
    await admin.close();
    await raw.close();
  });

  (redisServerInstalled() ? it : it.skip)('gives the same replies as redis-server with requirepass', async () => {
    const reference = await startReferenceRedis(['--requirepass', 'secret']);
    const script = [['GET', 'a'], ['FOO'], ['GET'], ['AUTH', 'x'], ['AUTH', 'a', 'b'], ['HELLO', '3'], ['HELLO', '3', 'AUTH', 'default', 'x'], ['CLIENT', 'ID'], ['AUTH', 'secret'], ['AUTH', 'default', 'secret'], ['GET', 'a']];
    const run = async (port: number) => {
      const client = new TestClient(await connect({ port, codec: respClientCodec() }));
      const replies = [];
      for (const command of script) replies.push(await client.request(command, 5000));
      await client.close();
      return replies;
    };
    try {
      expect(await run(kv.port)).toEqual(await run(reference.port));
    } finally {
      await reference.stop();
    }
  });
});

describe('--maxclients', () => {
  it('refuses connections past the limit with -ERR max number of clients reached', async () => {
    const kv = await startKv({ maxclients: 2 });
    const a = await kv.raw();
    const b = await kv.raw();
    const net = await import('node:net');
    const socket = net.connect(kv.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    await new Promise((resolve) => socket.on('close', resolve));
    expect(Buffer.concat(received).toString()).toBe('-ERR max number of clients reached\r\n');
    expect(await call(a, 'PING')).toEqual({ type: 'simple', value: 'PONG' });
    // CONFIG SET can lower the limit below the one the server started with.
    await b.close();
    expect(await call(a, 'CONFIG', 'SET', 'maxclients', '1')).toEqual({ type: 'simple', value: 'OK' });
    const late = net.connect(kv.port, '127.0.0.1');
    const lateReceived: Buffer[] = [];
    late.on('data', (chunk) => lateReceived.push(chunk));
    await new Promise((resolve) => late.on('close', resolve));
    expect(Buffer.concat(lateReceived).toString()).toBe('-ERR max number of clients reached\r\n');
    await a.close();
    await kv.stop();
  });
});

describe('--proto-max-bulk-len', () => {
  it('refuses a longer bulk string with a protocol error and closes', async () => {
    const kv = await startKv({ protoMaxBulkLen: 10 });
    const net = await import('node:net');
    const socket = net.connect(kv.port, '127.0.0.1');
    const received: Buffer[] = [];
    socket.on('data', (chunk) => received.push(chunk));
    socket.write('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$20\r\n01234567890123456789\r\n');
    await new Promise((resolve) => socket.on('close', resolve));
    expect(Buffer.concat(received).toString()).toBe('-ERR Protocol error: invalid bulk length\r\n');
    await kv.stop();
  });
});
