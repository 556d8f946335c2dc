import fc from 'fast-check';
import { chunksOf, decodeChunks, encodeAll } from '../testing-support';
import { respClientCodec } from './resp-client-codec';
import { RespReplies as R } from './resp-replies';
import type { RespReply, RespRequest } from './resp-reply';
import { respServerCodec } from './resp-server-codec';

const server = respServerCodec();
const client = respClientCodec();

/** What a client decodes for `reply`: bulk strings as Buffers, CR and LF gone from simple strings and errors. */
function asDecoded(reply: RespReply): RespReply {
  switch (reply.type) {
    case 'simple':
      return R.simple(oneLine(reply.value));
    case 'error':
      return R.error(oneLine(reply.value));
    case 'bulk':
      return typeof reply.value === 'string' ? R.bulk(Buffer.from(reply.value)) : reply;
    case 'array':
      return reply.value === null ? reply : R.array(reply.value.map(asDecoded));
    case 'set':
      return R.set(reply.value.map(asDecoded));
    case 'push':
      return R.push(reply.value.map(asDecoded));
    case 'map':
      return R.map(decodedPairs(reply.value));
    case 'attribute':
      return { type: 'attribute', value: decodedPairs(reply.value), reply: asDecoded(reply.reply) };
    default:
      return reply;
  }
}

function decodedPairs(pairs: ReadonlyArray<readonly [RespReply, RespReply]>): Array<[RespReply, RespReply]> {
  return pairs.map(([key, value]) => [asDecoded(key), asDecoded(value)]);
}

function oneLine(text: string): string {
  return text.replaceAll('\r', ' ').replaceAll('\n', ' ');
}

function roundTrip(replies: readonly RespReply[], chunking?: (bytes: Buffer) => Buffer[]): RespReply[] {
  const bytes = encodeAll(server, replies);
  const run = decodeChunks(client.createDecoder(), chunking ? chunking(bytes) : [bytes]);
  if (run.fatal) throw run.fatal;
  return run.items as RespReply[];
}

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });

const scalarReply: fc.Arbitrary<RespReply> = fc.oneof(
  text.map(R.simple),
  text.map(R.error),
  fc.oneof(fc.maxSafeInteger(), int64.map((n) => (Number.isSafeInteger(Number(n)) ? Number(n) : n))).map(R.integer),
  fc.oneof(fc.constant(null), text, fc.uint8Array({ maxLength: 20 }).map((bytes) => Buffer.from(bytes))).map(R.bulk),
  fc.constant(R.NULL_ARRAY),
  fc.constant(R.NULL),
  fc.double().map(R.double),
  fc.boolean().map(R.boolean),
  fc.bigInt().map(R.bignum),
  fc.tuple(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'.split('')), minLength: 3, maxLength: 3 }), text).map(
    ([format, value]) => R.verbatim(format, value),
  ),
);

const { reply: anyReply } = fc.letrec<{ reply: RespReply }>((tie) => ({
  reply: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    scalarReply,
    fc.array(tie('reply'), { maxLength: 4 }).map(R.array),
    fc.array(tie('reply'), { maxLength: 4 }).map(R.set),
    fc.array(tie('reply'), { maxLength: 4 }).map(R.push),
    fc.array(fc.tuple(tie('reply'), tie('reply')), { maxLength: 3 }).map(R.map),
    fc
      .tuple(fc.array(fc.tuple(tie('reply'), tie('reply')), { maxLength: 2 }), tie('reply'))
      .map(([value, reply]): RespReply => ({ type: 'attribute', value, reply })),
  ),
}));

describe('RESP codecs: configuration', () => {
  it('refuses nonsensical limits when the codec or decoder is made, not on the first frame', () => {
    expect(() => respServerCodec({ maxBulkLength: -1 })).toThrow(RangeError);
    expect(() => respServerCodec({ maxInlineBytes: 1.5 })).toThrow('maxInlineBytes must be a non-negative integer, got 1.5');
    expect(() => respServerCodec().createDecoder({ maxFrameBytes: NaN })).toThrow(RangeError);
    expect(() => respClientCodec().createDecoder({ maxFrameBytes: -5 })).toThrow(RangeError);
  });

  it('names the codecs for logs', () => {
    expect(server.name).toBe('resp');
    expect(client.name).toBe('resp-client');
  });
});

describe('RESP codecs: server encode → client decode', () => {
  it('round-trips every reply type', () => {
    const replies: RespReply[] = [
      R.OK,
      R.simple('hello'),
      R.error('ERR something\r\nbad'),
      R.ZERO,
      R.ONE,
      R.integer(-123),
      R.integer(2n ** 62n),
      R.bulk('text'),
      R.bulk(Buffer.from([0, 1, 2, 13, 10])),
      R.NULL_BULK,
      R.array([R.bulk('a'), R.array([R.integer(5)])]),
      R.NULL_ARRAY,
      R.EMPTY_ARRAY,
      R.NULL,
      R.double(3.25),
      R.double(-Infinity),
      R.double(NaN),
      R.boolean(true),
      R.bignum(-(10n ** 40n)),
      R.verbatim('mkd', '# title'),
      R.map([[R.bulk('k'), R.set([R.ONE, R.ZERO])]]),
      R.set([]),
      R.push([R.bulk('invalidate'), R.array([R.bulk('key')])]),
      { type: 'attribute', value: [[R.simple('ttl'), R.integer(10)]], reply: R.bulk('v') },
    ];
    expect(roundTrip(replies)).toEqual(replies.map(asDecoded));
  });

  it('decodes +OK to the shared RespReplies.OK', () => {
    expect(roundTrip([R.OK, R.simple('OK')])).toEqual([R.OK, R.OK]);
    expect(roundTrip([R.OK])[0]).toBe(R.OK);
  });

  it('round-trips any stream of reply trees, however it is split', () => {
    fc.assert(
      fc.property(
        fc.array(anyReply, { maxLength: 5 }).chain((replies) =>
          chunksOf(encodeAll(server, replies)).map((chunks) => ({ replies, chunks })),
        ),
        ({ replies, chunks }) => {
          expect(roundTrip(replies, () => chunks)).toEqual(replies.map(asDecoded));
        },
      ),
    );
  });
});

const requestArg = fc.oneof(
  text,
  fc.uint8Array({ maxLength: 30 }).map((bytes) => Buffer.from(bytes)),
  fc.integer(),
  fc.double(),
);

function asArgs(request: RespRequest): Buffer[] {
  return request.map((arg) => (Buffer.isBuffer(arg) ? arg : Buffer.from(String(arg))));
}

describe('RESP codecs: client encode → server decode', () => {
  it('sends strings, numbers and Buffers as bulk strings', () => {
    expect(client.encode(['SET', 'clé', 42])).toBe('*3\r\n$3\r\nSET\r\n$4\r\nclé\r\n$2\r\n42\r\n');
    const binary = client.encode(['SET', Buffer.from([255])]);
    expect(binary).toEqual(Buffer.from('*2\r\n$3\r\nSET\r\n$1\r\n\xff\r\n', 'latin1'));
  });

  it('round-trips any pipeline of commands, however it is split', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.array(requestArg, { minLength: 1, maxLength: 5 }), { maxLength: 6 })
          .chain((requests) => chunksOf(encodeAll(client, requests)).map((chunks) => ({ requests, chunks }))),
        ({ requests, chunks }) => {
          const run = decodeChunks(server.createDecoder(), chunks);
          expect(run.fatal).toBeUndefined();
          expect(run.items).toEqual(requests.map(asArgs));
        },
      ),
    );
  });
});
