import { connect } from '@weir/core';
import { respClientCodec, type RespReply } from '@weir/codecs';
import { TestClient } from '@weir/testing';
import { describeWithRedis, startReferenceRedis, type ReferenceRedis } from './testing/reference-redis';
import { startKv, type RunningKv } from './testing/start-kv';

/**
 * The same commands against a real redis-server and kv, byte for byte (as
 * decoded replies): every error text, every reply shape. Skipped when no
 * redis-server is installed. Replies that differ by nature (INFO, versions,
 * ids, times, COMMAND's key specs) are left out.
 */
const SCRIPT: string[][] = [
  // unknown commands, arity, subcommands
  ['FOO'],
  ['FOO', 'a', 'b'],
  ['foo', 'x'.repeat(100), 'y'.repeat(100), 'z'],
  ['GET'],
  ['get', 'a', 'b'],
  ['CONFIG'],
  ['CONFIG', 'GET'],
  ['CONFIG', 'FOO'],
  ['client', 'nosuch'],
  ['CLIENT', 'SETNAME'],
  ['CLIENT', 'SETNAME', 'a b'],
  ['CLIENT', 'GETNAME'],
  ['CLIENT', 'SETNAME', 'me'],
  ['CLIENT', 'GETNAME'],
  ['CLIENT', 'KILL', '1.2.3.4:5'],
  ['CLIENT', 'KILL', 'ID', '99999', 'SKIPME', 'yes'],
  ['COMMAND', 'FOO'],
  ['MEMORY', 'FOO'],
  ['MEMORY', 'USAGE', 'nokey'],
  // strings
  ['SET', 'a', '1'],
  ['SET', 'a', '1', 'EX', '0'],
  ['SET', 'a', '1', 'PX', '-5'],
  ['SET', 'a', '1', 'EX', 'x'],
  ['SET', 'a', '1', 'NX', 'XX'],
  ['SET', 'a', '1', 'GET', 'NX'],
  ['SET', 'a', '2', 'XX', 'GET'],
  ['SET', 'a', '3', 'KEEPTTL', 'PX', '5'],
  ['SET', 'a', '3', 'FOO'],
  ['SETNX', 'a', '9'],
  ['SETEX', 'b', '0', 'x'],
  ['SETEX', 'b', 'x', 'x'],
  ['PSETEX', 'b', '-1', 'x'],
  ['GETSET', 'a', '4'],
  ['GETDEL', 'a'],
  ['GETDEL', 'a'],
  ['GETEX', 'nokey'],
  ['SET', 'g', 'v'],
  ['GETEX', 'g', 'EX', '0'],
  ['GETEX', 'g', 'PERSIST', 'PX', '10'],
  ['GETEX', 'g', 'FOO'],
  ['MSET', 'a', '1', 'b'],
  ['MSET', 'a', '1', 'b', '2'],
  ['MGET', 'a', 'b', 'c'],
  ['MSETNX', 'a', '1', 'z', '2'],
  ['MSETNX', 'y', '1', 'z', '2'],
  ['INCR', 'n'],
  ['INCRBY', 'n', '41'],
  ['DECRBY', 'n', '-8'],
  ['DECR', 'n'],
  ['INCRBY', 'n', 'abc'],
  ['SET', 'big', '9223372036854775807'],
  ['INCR', 'big'],
  ['DECRBY', 'n', '-9223372036854775808'],
  ['INCRBY', 'n', '9223372036854775807'],
  ['SET', 'lead', '01'],
  ['INCR', 'lead'],
  ['SET', 'neg0', '-0'],
  ['INCR', 'neg0'],
  ['INCRBYFLOAT', 'f', '1.5'],
  ['INCRBYFLOAT', 'f', '0.1'],
  ['INCRBYFLOAT', 'f', 'x'],
  ['INCRBYFLOAT', 'f', 'inf'],
  ['INCRBYFLOAT', 'f', '-1.6'],
  ['SET', 'e', '5.0e3'],
  ['INCRBYFLOAT', 'e', '1'],
  ['INCRBYFLOAT', 'e', '1e-7'],
  ['INCRBYFLOAT', 'p', '0.1'],
  ['INCRBYFLOAT', 'p', '0.2'],
  ['INCRBYFLOAT', 'hex', '0x10'],
  ['INCRBYFLOAT', 'p', ' 1'],
  ['INCRBYFLOAT', 'p', 'nan'],
  ['INCRBYFLOAT', 'p', '1e308'],
  ['INCRBYFLOAT', 'p', '1e308'],
  ['APPEND', 's', 'Hello'],
  ['APPEND', 's', ' World'],
  ['STRLEN', 's'],
  ['STRLEN', 'nokey'],
  ['GETRANGE', 's', '0', '4'],
  ['GETRANGE', 's', '-5', '-1'],
  ['GETRANGE', 's', '5', '1'],
  ['GETRANGE', 's', '-1', '-5'],
  ['GETRANGE', 's', '-100', '100'],
  ['GETRANGE', 's', 'x', '1'],
  ['SETRANGE', 's', '6', 'Redis'],
  ['SETRANGE', 's', '-1', 'x'],
  ['SETRANGE', 's', '536870912', 'x'],
  ['SETRANGE', 'pad', '3', 'x'],
  ['GET', 'pad'],
  ['SETRANGE', 'empty', '0', ''],
  ['EXISTS', 'empty'],
  // types
  ['RPUSH', 'list', 'x'],
  ['GET', 'list'],
  ['INCR', 'list'],
  ['APPEND', 'list', 'x'],
  ['SET', 'list', 'v', 'GET'],
  ['TYPE', 'list'],
  ['TYPE', 's'],
  ['TYPE', 'nokey'],
  // keys
  ['EXISTS', 's', 's', 'nokey'],
  ['DEL', 's', 'nokey'],
  ['UNLINK', 'pad'],
  ['RENAME', 'nokey', 'x'],
  ['RENAME', 'n', 'n'],
  ['RENAMENX', 'n', 'n'],
  ['RENAME', 'n', 'n2'],
  ['RENAMENX', 'n2', 'list'],
  ['COPY', 'n2', 'n2'],
  ['COPY', 'n2', 'c', 'DB', '99'],
  ['COPY', 'n2', 'c', 'DB', 'x'],
  ['COPY', 'n2', 'c', 'FOO'],
  ['COPY', 'n2', 'c'],
  ['COPY', 'n2', 'c'],
  ['COPY', 'n2', 'c', 'REPLACE'],
  ['SCAN', 'x'],
  ['SCAN', '0', 'COUNT', '0'],
  ['SCAN', '0', 'COUNT', 'x'],
  ['SCAN', '0', 'FOO', 'bar'],
  ['SCAN', '0', 'MATCH'],
  ['KEYS', 'n?'],
  // expiry
  ['SET', 'k', 'v'],
  ['TTL', 'k'],
  ['TTL', 'nokey'],
  ['PTTL', 'nokey'],
  ['EXPIRETIME', 'k'],
  ['EXPIRE', 'k', '100', 'XX'],
  ['EXPIRE', 'k', '100', 'GT'],
  ['EXPIRE', 'k', '100', 'NX'],
  ['EXPIRE', 'k', '100', 'NX'],
  ['EXPIRE', 'k', '50', 'GT'],
  ['EXPIRE', 'k', '200', 'LT'],
  ['TTL', 'k'],
  ['EXPIRE', 'k', '1', 'NX', 'XX'],
  ['EXPIRE', 'k', '1', 'GT', 'LT'],
  ['EXPIRE', 'k', '1', 'BAR'],
  ['EXPIRE', 'k', 'abc'],
  ['EXPIRE', 'k', '9223372036854775807'],
  ['PEXPIRE', 'k', '9223372036854775807'],
  ['PERSIST', 'k'],
  ['PERSIST', 'k'],
  ['EXPIREAT', 'k', '1'],
  ['EXISTS', 'k'],
  ['EXPIRE', 'nokey', '10'],
  // connection and server
  ['PING'],
  ['PING', 'hi'],
  ['PING', 'a', 'b'],
  ['ECHO', 'x'],
  ['SELECT', '16'],
  ['SELECT', 'x'],
  ['SELECT', '1'],
  ['DBSIZE'],
  ['SELECT', '0'],
  ['SWAPDB', 'a', '1'],
  ['SWAPDB', '1', 'a'],
  ['SWAPDB', '0', '99'],
  ['SWAPDB', '0', '1'],
  ['DBSIZE'],
  ['SWAPDB', '0', '1'],
  ['FLUSHDB', 'x'],
  ['FLUSHALL', 'ASYNC', 'SYNC'],
  ['AUTH', 'x'],
  ['AUTH', 'a', 'b', 'c'],
  ['AUTH', 'nobody', 'x'],
  ['HELLO', '4'],
  ['HELLO', 'x'],
  ['HELLO', '3', 'AUTH'],
  ['HELLO', '3', 'SETNAME'],
  ['HELLO', '3', 'FOO'],
  ['CONFIG', 'SET', 'foo', '1'],
  ['CONFIG', 'SET', 'maxclients', 'x'],
  ['CONFIG', 'SET', 'appendfsync', 'x'],
  ['CONFIG', 'SET', 'hash-max-listpack-entries', '10'],
  ['CONFIG', 'GET', 'hash-max-listpack-entries'],
  ['CONFIG', 'SET', 'hash-max-listpack-entries', '128'],
  ['CONFIG', 'GET', 'maxmemory-policy'],
  ['CONFIG', 'SET', 'maxclients'],
  ['CONFIG', 'RESETSTAT'],
  // transactions
  ['MULTI'],
  ['MULTI'],
  ['WATCH', 'a'],
  ['SET', 'a', '1'],
  ['INCR', 'a'],
  ['GET', 'a'],
  ['EXEC'],
  ['EXEC'],
  ['DISCARD'],
  ['MULTI'],
  ['GET'],
  ['SET', 'a', '1'],
  ['EXEC'],
  ['MULTI'],
  ['NOSUCHCOMMAND'],
  ['EXEC'],
  ['MULTI'],
  ['SET', 'q', '1'],
  ['DISCARD'],
  ['GET', 'q'],
  ['MULTI'],
  ['SET', 'w', 'x'],
  ['INCR', 'w'],
  ['EXEC'],
  ['FLUSHALL'],
  ['DBSIZE'],
];


describeWithRedis('kv against a real redis-server', () => {
  let reference: ReferenceRedis;
  let kv: RunningKv;

  beforeAll(async () => {
    reference = await startReferenceRedis();
    kv = await startKv();
  });
  afterAll(async () => {
    await kv.stop();
    await reference.stop();
  });

  async function run(port: number): Promise<RespReply[]> {
    const client = new TestClient(await connect({ port, codec: respClientCodec() }));
    const replies: RespReply[] = [];
    for (const command of SCRIPT) replies.push(await client.request(command));
    await client.close();
    return replies;
  }

  it('gives the same replies, command by command', async () => {
    const expected = await run(reference.port);
    const actual = await run(kv.port);
    const differences = SCRIPT.map((command, i) => ({ command: command.join(' '), expected: expected[i], actual: actual[i] })).filter(
      ({ expected: e, actual: a }) => JSON.stringify(e) !== JSON.stringify(a),
    );
    expect(differences).toEqual([]);
  });
});
