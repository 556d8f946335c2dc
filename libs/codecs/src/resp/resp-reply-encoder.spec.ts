import { RespReplies as R } from './resp-replies';
import type { RespReply } from './resp-reply';
import { encodeRespReply } from './resp-reply-encoder';

/** The wire bytes, as latin1 text so binary payloads stay visible byte for byte. */
function wire(reply: RespReply): string {
  const encoded = encodeRespReply(reply);
  return typeof encoded === 'string' ? Buffer.from(encoded, 'utf8').toString('latin1') : encoded.toString('latin1');
}

describe('encodeRespReply', () => {
  it('encodes the shared replies as constant strings', () => {
    expect(encodeRespReply(R.OK)).toBe('+OK\r\n');
    expect(encodeRespReply(R.ZERO)).toBe(':0\r\n');
    expect(encodeRespReply(R.ONE)).toBe(':1\r\n');
    expect(encodeRespReply(R.NULL_BULK)).toBe('$-1\r\n');
    expect(encodeRespReply(R.NULL_ARRAY)).toBe('*-1\r\n');
    expect(encodeRespReply(R.EMPTY_ARRAY)).toBe('*0\r\n');
    expect(encodeRespReply(R.NULL)).toBe('_\r\n');
    expect(encodeRespReply(R.PONG)).toBe('+PONG\r\n');
    expect(encodeRespReply(R.QUEUED)).toBe('+QUEUED\r\n');
  });

  it('hands out the shared objects from the constructors where it can', () => {
    expect(R.integer(0)).toBe(R.ZERO);
    expect(R.integer(1)).toBe(R.ONE);
    expect(R.bulk(null)).toBe(R.NULL_BULK);
    expect(R.array(null)).toBe(R.NULL_ARRAY);
    expect(Object.isFrozen(R.OK)).toBe(true);
  });

  it('replaces CR and LF in simple strings and errors with spaces', () => {
    expect(encodeRespReply(R.simple('two\r\nlines'))).toBe('+two  lines\r\n');
    expect(encodeRespReply(R.error("ERR unknown command 'x\ny'"))).toBe("-ERR unknown command 'x y'\r\n");
  });

  it('encodes integers of any size exactly, and refuses fractions', () => {
    expect(encodeRespReply(R.integer(-42))).toBe(':-42\r\n');
    expect(encodeRespReply(R.integer(1e21))).toBe(':1000000000000000000000\r\n');
    expect(encodeRespReply(R.integer(-(2n ** 63n)))).toBe(':-9223372036854775808\r\n');
    expect(() => encodeRespReply(R.integer(1.5))).toThrow(RangeError);
    expect(() => encodeRespReply(R.integer(Infinity))).toThrow(RangeError);
  });

  it('counts bulk string lengths in bytes, not characters', () => {
    expect(encodeRespReply(R.bulk('héllo'))).toBe('$6\r\nhéllo\r\n');
    expect(encodeRespReply(R.bulk(''))).toBe('$0\r\n\r\n');
  });

  it('encodes a Buffer bulk string as one Buffer', () => {
    const encoded = encodeRespReply(R.bulk(Buffer.from([0, 13, 10, 255])));
    expect(Buffer.isBuffer(encoded)).toBe(true);
    expect(encoded).toEqual(Buffer.from('$4\r\n\x00\r\n\xff\r\n', 'latin1'));
  });

  it('encodes Buffer bulk strings of every size the same way (copied byte by byte when small)', () => {
    for (const size of [0, 1, 9, 10, 31, 32, 33, 100, 70_000]) {
      const value = Buffer.alloc(size);
      for (let i = 0; i < size; i++) value[i] = (i * 37) & 0xff;
      const expected = Buffer.concat([Buffer.from(`$${size}\r\n`), value, Buffer.from('\r\n')]);
      expect(encodeRespReply(R.bulk(value))).toEqual(expected);
    }
  });

  it('returns a string for aggregates without binary payloads, one Buffer otherwise', () => {
    const text = R.array([R.bulk('a'), R.integer(2), R.NULL_BULK]);
    expect(encodeRespReply(text)).toBe('*3\r\n$1\r\na\r\n:2\r\n$-1\r\n');
    const binary = R.array([R.bulk('é'), R.bulk(Buffer.from([1, 2])), R.array([])]);
    const encoded = encodeRespReply(binary);
    expect(Buffer.isBuffer(encoded)).toBe(true);
    expect(wire(binary)).toBe('*3\r\n$2\r\n\xc3\xa9\r\n$2\r\n\x01\x02\r\n*0\r\n');
  });

  it('encodes nested null arrays inside aggregates', () => {
    expect(encodeRespReply(R.array([R.NULL_ARRAY, R.array([R.ONE])]))).toBe('*2\r\n*-1\r\n*1\r\n:1\r\n');
  });

  it('encodes RESP3 scalars', () => {
    expect(encodeRespReply(R.boolean(true))).toBe('#t\r\n');
    expect(encodeRespReply(R.boolean(false))).toBe('#f\r\n');
    expect(encodeRespReply(R.double(1.5))).toBe(',1.5\r\n');
    expect(encodeRespReply(R.double(Infinity))).toBe(',inf\r\n');
    expect(encodeRespReply(R.double(-Infinity))).toBe(',-inf\r\n');
    expect(encodeRespReply(R.double(NaN))).toBe(',nan\r\n');
    expect(encodeRespReply(R.double(-0))).toBe(',-0\r\n');
    expect(encodeRespReply(R.double(1e300))).toBe(',1e+300\r\n');
    expect(encodeRespReply(R.bignum(3492890328409238509324850943850943825024385n))).toBe(
      '(3492890328409238509324850943850943825024385\r\n',
    );
    expect(encodeRespReply(R.verbatim('txt', 'Some string'))).toBe('=15\r\ntxt:Some string\r\n');
  });

  it('encodes RESP3 aggregates', () => {
    expect(encodeRespReply(R.map([[R.simple('first'), R.integer(1)], [R.bulk('second'), R.NULL]]))).toBe(
      '%2\r\n+first\r\n:1\r\n$6\r\nsecond\r\n_\r\n',
    );
    expect(encodeRespReply(R.set([R.simple('orange'), R.integer(2)]))).toBe('~2\r\n+orange\r\n:2\r\n');
    expect(encodeRespReply(R.push([R.bulk('message'), R.bulk('ch'), R.bulk('hi')]))).toBe(
      '>3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n',
    );
    expect(
      encodeRespReply({ type: 'attribute', value: [[R.simple('ttl'), R.integer(3)]], reply: R.array([R.ONE]) }),
    ).toBe('|1\r\n+ttl\r\n:3\r\n*1\r\n:1\r\n');
  });
});
