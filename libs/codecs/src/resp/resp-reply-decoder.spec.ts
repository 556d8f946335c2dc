import fc from 'fast-check';
import { ProtocolError } from '../protocol-error';
import { assertSplitInvariant, byteByByte, chunksOf, decodeChunks } from '../testing-support';
import { respClientCodec } from './resp-client-codec';
import { RespReplies as R } from './resp-replies';
import type { RespReply } from './resp-reply';

function decoder(maxFrameBytes?: number) {
  return respClientCodec().createDecoder(maxFrameBytes === undefined ? undefined : { maxFrameBytes });
}

function decode(wire: string): RespReply[] {
  const run = decodeChunks(decoder(), [Buffer.from(wire, 'latin1')]);
  if (run.fatal) throw run.fatal;
  return run.items as RespReply[];
}

function errorFor(wire: string, maxFrameBytes?: number): ProtocolError {
  const run = decodeChunks(decoder(maxFrameBytes), [Buffer.from(wire, 'latin1')]);
  if (run.fatal === undefined) throw new Error('expected a fatal ProtocolError');
  return run.fatal;
}

const bulk = (text: string) => R.bulk(Buffer.from(text, 'latin1'));

describe('RespReplyDecoder: RESP2', () => {
  it('decodes simple strings, errors and integers', () => {
    expect(decode('+OK\r\n-ERR wrong type\r\n:1000\r\n:-3\r\n')).toEqual([
      R.OK,
      R.error('ERR wrong type'),
      R.integer(1000),
      R.integer(-3),
    ]);
  });

  it('keeps integers past 2^53 exact as bigints', () => {
    expect(decode(':9223372036854775807\r\n')).toEqual([R.integer(9223372036854775807n)]);
  });

  it('decodes bulk strings as Buffers, binary-safe, and the null bulk string', () => {
    expect(decode('$5\r\nhe\r\no\r\n$0\r\n\r\n$-1\r\n')).toEqual([bulk('he\r\no'), bulk(''), R.NULL_BULK]);
  });

  it('slices bulk strings out of the chunk when they sit whole inside it', () => {
    const chunk = Buffer.from('$3\r\nabc\r\n');
    const [reply] = decoder().decode(chunk) as RespReply[];
    chunk.write('X', 4);
    expect(reply).toEqual(bulk('Xbc'));
  });

  it('decodes arrays, nested, empty and null', () => {
    expect(decode('*3\r\n:1\r\n*2\r\n+a\r\n$1\r\nb\r\n*0\r\n*-1\r\n')).toEqual([
      R.array([R.ONE, R.array([R.simple('a'), bulk('b')]), R.array([])]),
      R.NULL_ARRAY,
    ]);
  });

  it('nests deeply without growing the call stack', () => {
    const depth = 100_000;
    const [reply] = decode(`${'*1\r\n'.repeat(depth)}:7\r\n`);
    let node: RespReply = reply;
    let levels = 0;
    while (node.type === 'array' && node.value !== null) {
      node = node.value[0];
      levels++;
    }
    expect(levels).toBe(depth);
    expect(node).toEqual(R.integer(7));
  });
});

describe('RespReplyDecoder: RESP3', () => {
  it('decodes null, booleans, doubles and big numbers', () => {
    expect(decode('_\r\n#t\r\n#f\r\n,1.23\r\n,-1e-7\r\n,10\r\n,inf\r\n,-inf\r\n,nan\r\n(-12345678901234567890123\r\n')).toEqual([
      R.NULL,
      R.boolean(true),
      R.boolean(false),
      R.double(1.23),
      R.double(-1e-7),
      R.double(10),
      R.double(Infinity),
      R.double(-Infinity),
      R.double(NaN),
      R.bignum(-12345678901234567890123n),
    ]);
  });

  it('decodes verbatim strings and bulk errors', () => {
    expect(decode('=15\r\ntxt:Some string\r\n!21\r\nSYNTAX invalid syntax\r\n')).toEqual([
      R.verbatim('txt', 'Some string'),
      R.error('SYNTAX invalid syntax'),
    ]);
  });

  it('decodes maps as ordered pairs, sets and pushes', () => {
    expect(decode('%2\r\n+first\r\n:1\r\n*1\r\n:2\r\n#t\r\n~2\r\n+a\r\n+b\r\n>2\r\n+pubsub\r\n$2\r\nhi\r\n%0\r\n')).toEqual([
      R.map([
        [R.simple('first'), R.ONE],
        [R.array([R.integer(2)]), R.boolean(true)],
      ]),
      R.set([R.simple('a'), R.simple('b')]),
      R.push([R.simple('pubsub'), bulk('hi')]),
      R.map([]),
    ]);
  });

  it('wraps the reply that follows an attribute, also inside an aggregate', () => {
    expect(decode('|1\r\n+key-popularity\r\n%1\r\n$1\r\na\r\n,0.19\r\n*2\r\n:2\r\n:3\r\n')).toEqual([
      {
        type: 'attribute',
        value: [[R.simple('key-popularity'), R.map([[bulk('a'), R.double(0.19)]])]],
        reply: R.array([R.integer(2), R.integer(3)]),
      },
    ]);
    expect(decode('*2\r\n|0\r\n:1\r\n:2\r\n')).toEqual([
      R.array([{ type: 'attribute', value: [], reply: R.ONE }, R.integer(2)]),
    ]);
  });
});

describe('RespReplyDecoder: errors', () => {
  it('refuses an unknown type byte at once, before its line ends', () => {
    const error = errorFor('x');
    expect(error.message).toBe("Protocol error, got 'x' as reply type byte");
    expect(error.code).toBe('INVALID_REPLY_TYPE');
    expect(error.fatal).toBe(true);
    expect(errorFor('+OK\r\n\r\n').message).toBe("Protocol error, got ' ' as reply type byte");
  });

  it.each([
    ['integer', ':1.5\r\n'],
    ['integer', ':\r\n'],
    ['boolean', '#x\r\n'],
    ['double', ',one\r\n'],
    ['double', ',\r\n'],
    ['double', ',0x10\r\n'],
    ['big number', '(12a\r\n'],
    ['big number', '(-\r\n'],
    ['verbatim string', '=3\r\ntxt\r\n'],
  ])('refuses an invalid %s: %j', (type, wire) => {
    const error = errorFor(wire);
    expect(error.message).toBe(`Protocol error: invalid ${type} reply`);
    expect(error.code).toBe('INVALID_REPLY_VALUE');
  });

  it('refuses negative lengths other than the RESP2 nulls', () => {
    expect(errorFor('$-2\r\n').code).toBe('INVALID_BULK_LENGTH');
    expect(errorFor('=-1\r\n').code).toBe('INVALID_BULK_LENGTH');
    expect(errorFor('*-2\r\n').code).toBe('INVALID_AGGREGATE_LENGTH');
    expect(errorFor('%-1\r\n').code).toBe('INVALID_AGGREGATE_LENGTH');
    expect(errorFor('*?\r\n').code).toBe('INVALID_AGGREGATE_LENGTH');
  });

  it('refuses a bulk length over maxFrameBytes from the header alone', () => {
    expect(decoder(10).decode(Buffer.from('$10\r\n'))).toEqual([]);
    const error = errorFor('$11\r\n', 10);
    expect(error.message).toBe('Protocol error: invalid bulk length');
    expect(error.code).toBe('BULK_LENGTH_OVER_LIMIT');
    expect(errorFor('$536870913\r\n').code).toBe('BULK_LENGTH_OVER_LIMIT');
  });

  it('refuses a reply line (type byte included) longer than maxFrameBytes as it arrives', () => {
    const d = decoder(8);
    expect(d.decode(Buffer.from('+1234567'))).toEqual([]);
    expect(() => d.decode(Buffer.from('8'))).toThrow('Protocol error: too big reply line');
    expect(() => d.decode(Buffer.from('\r\n'))).toThrow('Protocol error: too big reply line');
  });
});

const replyFragments = fc
  .array(
    fc.oneof(
      fc.constantFrom('*', '$', '%', '|', '~', '>', '=', '!', ',', '#', '(', ':', '+', '-', '_'),
      fc.constantFrom('\r\n', '\r', '1', '2', '-1', '0', '3', 'txt:', 't', 'inf', '1.5'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => Buffer.from(parts.join(''), 'latin1'));

describe('RespReplyDecoder: properties', () => {
  it('decodes a stream the same fed whole, in pieces or byte by byte, errors included', () => {
    fc.assert(
      fc.property(
        fc.oneof(replyFragments, fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes))).chain(chunksOf),
        (chunks) => {
          assertSplitInvariant(() => decoder(8), chunks);
          assertSplitInvariant(() => decoder(), chunks);
        },
      ),
    );
  });

  it('throws nothing but fatal ProtocolErrors, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.oneof(replyFragments, fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes))), (bytes) => {
        for (const chunks of [[bytes], byteByByte(bytes)]) {
          const d = decoder(8);
          try {
            for (const chunk of chunks) d.decode(chunk);
          } catch (error) {
            expect(error).toBeInstanceOf(ProtocolError);
            expect((error as ProtocolError).fatal).toBe(true);
          }
        }
      }),
    );
  });
});
