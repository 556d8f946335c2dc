import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { encodeRespRequest, type RespRequest } from '@weir/codecs';

/**
 * Junk for a Redis-protocol server, from bytes that mean nothing to commands
 * that are almost right. Commands that would change the server itself
 * (SHUTDOWN, CONFIG SET, CLIENT KILL, AUTH's growing delay) or block a
 * connection (BLPOP and kin) are left out: the test is about what a client
 * can do to its own connection and the data, not about admin commands.
 */

/** Real commands, and a few spelled oddly or not at all; each reaches its handler's argument checks. */
const COMMANDS = [
  'GET', 'SET', 'DEL', 'INCR', 'INCRBY', 'INCRBYFLOAT', 'DECR', 'APPEND', 'STRLEN', 'GETRANGE', 'SETRANGE', 'GETEX', 'GETDEL',
  'SETEX', 'SETNX', 'MGET', 'MSET', 'MSETNX', 'EXPIRE', 'PEXPIRE', 'EXPIREAT', 'TTL', 'PTTL', 'EXPIRETIME', 'PERSIST', 'TYPE',
  'EXISTS', 'KEYS', 'SCAN', 'RENAME', 'RENAMENX', 'COPY', 'RANDOMKEY', 'UNLINK', 'HSET', 'HGET', 'HMGET', 'HGETALL', 'HDEL',
  'HINCRBY', 'HINCRBYFLOAT', 'HRANDFIELD', 'HSCAN', 'LPUSH', 'RPUSH', 'LPOP', 'RPOP', 'LRANGE', 'LINDEX', 'LSET', 'LINSERT',
  'LREM', 'LTRIM', 'LPOS', 'LMOVE', 'LMPOP', 'SADD', 'SREM', 'SMEMBERS', 'SPOP', 'SRANDMEMBER', 'SINTER', 'SUNIONSTORE',
  'SINTERCARD', 'SSCAN', 'ZADD', 'ZRANGE', 'ZRANGEBYSCORE', 'ZRANGESTORE', 'ZINCRBY', 'ZRANK', 'ZSCORE', 'ZMSCORE', 'ZPOPMIN',
  'ZRANDMEMBER', 'ZUNIONSTORE', 'ZINTER', 'ZMPOP', 'ZREMRANGEBYLEX', 'PUBLISH', 'PUBSUB', 'PING', 'ECHO', 'SELECT', 'SWAPDB',
  'DBSIZE', 'FLUSHDB', 'TIME', 'INFO', 'COMMAND', 'MEMORY', 'MULTI', 'EXEC', 'DISCARD', 'WATCH', 'UNWATCH', 'RESET',
  'get', 'sEt', 'NOSUCHCOMMAND', 'SET\u0000', '',
];
const KEYS = ['k', 'k1', 'list', 'hash', 'zset', 'set', 'str', '{t}a', '{t}b', ''];
const NUMBERS = [
  '0', '1', '-1', '2', '3', '10', '-2', '100', '1.5', '-0.5', 'inf', '-inf', '+inf', 'nan', '0x10', '1e3', '1e400', '(1', '[a', '-', '+',
  '9223372036854775807', '-9223372036854775808', '9223372036854775808', '18446744073709551616', ' 1', '1 ', '',
];
const WORDS = [
  'EX', 'PX', 'EXAT', 'NX', 'XX', 'GT', 'LT', 'CH', 'INCR', 'KEEPTTL', 'GET', 'WITHSCORES', 'LIMIT', 'BYSCORE', 'BYLEX', 'REV',
  'COUNT', 'MATCH', 'TYPE', 'LEFT', 'RIGHT', 'BEFORE', 'AFTER', 'WEIGHTS', 'AGGREGATE', 'SUM', 'MIN', 'MAX', 'RANK', 'MAXLEN',
  'USAGE', 'NUMSUB', 'CHANNELS', 'DOCS', 'INFO', 'COUNT', 'string', 'hash', '*', '?', '[',
];

const arg: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 4, arbitrary: fc.constantFrom(...NUMBERS) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
).map((value) => (typeof value === 'string' ? Buffer.from(value, 'latin1') : value));

const command: fc.Arbitrary<Buffer[]> = fc
  .tuple(fc.constantFrom(...COMMANDS), fc.array(arg, { maxLength: 8 }))
  .map(([name, args]) => [Buffer.from(name, 'latin1'), ...args]);

/** A command as every client library sends it (`*N\r\n$len\r\narg\r\n...`), as bytes. */
export const request = (...args: RespRequest): Buffer => Buffer.from(encodeRespRequest(args));

/** Typed into telnet: words, sometimes quoted, sometimes with a quote left open. */
const inline: fc.Arbitrary<Buffer> = fc
  .tuple(command, fc.constantFrom('', '', '', '"x" y', "'a b'"), fc.constantFrom('\r\n', '\n', '\r\n\r\n'))
  .map(([[name, ...args], quote, end]) => {
    const words = [name, ...args].map((b) => b.toString('latin1').replace(/[\r\n\s"']/g, '') || 'x');
    return Buffer.from(`${words.join(' ')}${quote ? ` ${quote}` : ''}${end}`, 'latin1');
  });

/** Headers Redis refuses, or reads in a way a careless parser would not. */
const BROKEN_HEADERS: readonly string[] = [
  '*abc\r\n', '*-5\r\n', '*0\r\n', '*-1\r\n', '*2147483648\r\n', '*1048577\r\n', '*1\r\n:1\r\n', '*2\r\n$-3\r\n',
  '*1\r\n$5\r\nab\r\n', '*1\r\n$999999999999\r\n', '*1\r\n$1x\r\n', '*\r\n', '*1\r\n\r\n', '$5\r\nhello\r\n', ':1\r\n',
  '+OK\r\n', '-ERR no\r\n', '*3\r\n$3\r\nSET\r\n', '*1\r\n$4\r\nPING', '\r\n\r\n\r\n', '*01\r\n$04\r\nPING\r\n',
];

/** Letters without a line end: an inline request that outgrows Redis's 64 KiB limit. */
const endlessInline = fc.integer({ min: 65 * 1024, max: 160 * 1024 }).map((size) => Buffer.alloc(size, 'a'));

/** A large but well-formed value, so big arguments travel too. */
const bigSet = fc.integer({ min: 16 * 1024, max: 256 * 1024 }).map((size) => request('SET', 'big', Buffer.alloc(size, 'v')));

/** Junk a decoder reads as commands: each should get its one reply. */
const readableChunk: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 12, arbitrary: command.map((args) => request(...args)) },
  { weight: 3, arbitrary: inline },
  { weight: 1, arbitrary: bigSet },
);

/** Junk that breaks the stream, or may: the protocol error and the close, or a command swallowed whole. */
const breakingChunk: fc.Arbitrary<Buffer> = fc.oneof(
  { weight: 3, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 2048 }).map((bytes) => Buffer.from(bytes)) },
  { weight: 3, arbitrary: fc.constantFrom(...BROKEN_HEADERS).map((text) => Buffer.from(text, 'latin1')) },
  { weight: 2, arbitrary: inline.map((line) => Buffer.concat([line.subarray(0, -1), Buffer.from(' "open\r\n')])) },
  // A command cut short: whatever comes next is read as the rest of it.
  { weight: 2, arbitrary: fc.tuple(command.map((args) => request(...args)), fc.double({ min: 0, max: 1, noNaN: true })).map(([b, at]) => b.subarray(0, Math.floor(b.length * at))) },
  { weight: 1, arbitrary: endlessInline },
);

export type Ending = 'quit' | 'end' | 'destroy' | 'reset';

export interface Session {
  readonly chunks: Buffer[];
  readonly ending: Ending;
}

/** Readable junk first, so it reaches the handlers, then, in most sessions, junk that may break the stream. */
export const sessionArbitrary: fc.Arbitrary<Session> = fc.record({
  chunks: fc
    .tuple(fc.array(readableChunk, { minLength: 1, maxLength: 40, size: 'max' }), fc.array(breakingChunk, { maxLength: 4 }))
    .map(([readable, breaking]) => [...readable, ...breaking]),
  ending: fc.constantFrom<Ending>('quit', 'end', 'destroy', 'reset'),
});

/** A line end first, so QUIT is not glued to an unfinished inline command. */
export const QUIT = Buffer.from('\r\n*1\r\n$4\r\nQUIT\r\n');
