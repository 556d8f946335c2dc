import fc from 'fast-check';
import { ProtocolError } from '../protocol-error';
import { ircCodec } from './irc-codec';
import type { IrcMessage } from './irc-message';
import { ircMessage } from './irc-message';

const codec = ircCodec();
const wire = (message: IrcMessage) => Buffer.from(codec.encode(message)).toString('latin1');

function decodeOne(line: string): IrcMessage {
  const [item, ...rest] = codec.createDecoder().decode(Buffer.from(line, 'latin1'));
  expect(rest).toEqual([]);
  if (item === undefined || item instanceof ProtocolError) throw new Error(`did not decode ${JSON.stringify(line)}`);
  return item;
}

function expectCallerError(message: IrcMessage, pattern: RegExp): void {
  let thrown: unknown;
  try {
    codec.encode(message);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(Error);
  expect(thrown).not.toBeInstanceOf(ProtocolError);
  expect((thrown as Error).message).toMatch(pattern);
}

/** Bytes of a line after its tags, counting the CRLF. */
function bodyBytes(line: string): number {
  return line.startsWith('@') ? line.length - line.indexOf(' ') - 1 : line.length;
}

describe('encodeIrcMessage', () => {
  it('returns a Buffer ending in CRLF', () => {
    const encoded = codec.encode(ircMessage('PING', ['x']));
    expect(Buffer.isBuffer(encoded)).toBe(true);
    expect(encoded.toString()).toBe('PING x\r\n');
  });

  it('writes tags, prefix, command and params in order', () => {
    expect(wire(ircMessage('PRIVMSG', ['#a', 'hi there'], 'nick!u@h', { time: '2024', bot: '' }))).toBe(
      '@time=2024;bot :nick!u@h PRIVMSG #a :hi there\r\n',
    );
  });

  it('writes the last param as trailing only when it has to', () => {
    expect(wire(ircMessage('MODE', ['#a', '+o', 'nick']))).toBe('MODE #a +o nick\r\n');
    expect(wire(ircMessage('TOPIC', ['#a', '']))).toBe('TOPIC #a :\r\n');
    expect(wire(ircMessage('PRIVMSG', ['#a', ':)']))).toBe('PRIVMSG #a ::)\r\n');
    expect(wire(ircMessage('PRIVMSG', ['#a', 'a b']))).toBe('PRIVMSG #a :a b\r\n');
  });

  it('escapes tag values', () => {
    expect(wire(ircMessage('PING', [], undefined, { k: 'a; b\\\r\n' }))).toBe('@k=a\\:\\sb\\\\\\r\\n PING\r\n');
  });

  it('leaves out an empty tag record', () => {
    expect(wire(ircMessage('PING', ['x'], undefined, {}))).toBe('PING x\r\n');
  });

  describe('caller bugs throw a plain Error', () => {
    it.each([
      ['a middle param with a space', ircMessage('PRIVMSG', ['#a b', 'hi']), /param 0/],
      ['a middle param starting with a colon', ircMessage('PRIVMSG', [':#a', 'hi']), /param 0/],
      ['an empty middle param', ircMessage('MODE', ['#a', '', 'x']), /param 1/],
      ['a command that is not a verb or numeric', ircMessage('PRIV MSG', ['x']), /command/],
      ['a 2-digit numeric', ircMessage('01', ['x']), /command/],
      ['an empty prefix', ircMessage('PING', ['x'], ''), /prefix/],
      ['a prefix with a space', ircMessage('PING', ['x'], 'a b'), /prefix/],
      ['16 params', ircMessage('CMD', Array.from({ length: 16 }, (_, i) => `p${i}`)), /16 params/],
      ['CRLF in the last param', ircMessage('PRIVMSG', ['#a', 'hi\r\nQUIT']), /CR, LF/],
      ['LF in the prefix', ircMessage('PING', ['x'], 'a\nb'), /CR, LF/],
      ['NUL in a param', ircMessage('PRIVMSG', ['#a', 'x\0y']), /NUL/],
      ['a char above U+00FF', ircMessage('PRIVMSG', ['#a', 'snow ☃']), /U\+00FF/],
      ['a tag key with =', ircMessage('PING', [], undefined, { 'a=b': '1' }), /tag key/],
      ['an empty tag key', ircMessage('PING', [], undefined, { '': '1' }), /tag key/],
      ['a tag key with CR', ircMessage('PING', [], undefined, { 'a\rb': '1' }), /CR/],
      ['a tag section over 8191 bytes', ircMessage('PING', [], undefined, { k: 'v'.repeat(8188) }), /8191/],
    ])('%s', (_, message, pattern) => {
      expectCallerError(message, pattern);
    });

    it('accepts a tag section of exactly 8191 bytes', () => {
      expect(wire(ircMessage('PING', [], undefined, { k: 'v'.repeat(8187) }))).toHaveLength(8191 + 6);
    });
  });

  describe('truncation to 512 bytes', () => {
    it('cuts the last param so the line is exactly 512 bytes with its CRLF', () => {
      const text = 'hello ' + 'x'.repeat(600);
      const line = wire(ircMessage('PRIVMSG', ['#chan', text], 'nick!user@host'));
      expect(line).toHaveLength(512);
      expect(line.endsWith('x\r\n')).toBe(true);
      const message = decodeOne(line);
      expect(message.prefix).toBe('nick!user@host');
      expect(message.params[0]).toBe('#chan');
      expect(message.params[1]).toBe(text.slice(0, 512 - 2 - ':nick!user@host PRIVMSG #chan :'.length));
    });

    it('does not count the tags', () => {
      const line = wire(ircMessage('PRIVMSG', ['#a', 'y'.repeat(600)], undefined, { k: 'v'.repeat(1000) }));
      expect(bodyBytes(line)).toBe(512);
      expect(decodeOne(line).tags).toEqual({ k: 'v'.repeat(1000) });
    });

    it('keeps a cut middle-form param in middle form', () => {
      expect(wire(ircMessage('PING', ['z'.repeat(600)]))).toBe('PING ' + 'z'.repeat(505) + '\r\n');
    });

    it('never cuts inside a UTF-8 sequence', () => {
      const snowmen = Buffer.from('☃'.repeat(300), 'utf8').toString('latin1');
      const line = wire(ircMessage('PRIVMSG', ['#a', snowmen]));
      const text = decodeOne(line).params[1];
      expect(Buffer.from(text, 'latin1').toString('utf8')).toBe('☃'.repeat(Math.floor(text.length / 3)));
      expect(text.length % 3).toBe(0);
      expect(line.length).toBeGreaterThan(509);
    });

    it('still cuts bytes that are not UTF-8 exactly at the limit', () => {
      const line = wire(ircMessage('PRIVMSG', ['#a', '\x80'.repeat(600)]));
      expect(line).toHaveLength(512);
    });

    it('throws when even an empty last param would not fit', () => {
      const longMiddle = 'm'.repeat(505);
      expectCallerError(ircMessage('PRIVMSG', [longMiddle, 'text']), /does not fit/);
      expectCallerError(ircMessage('PING', [], 'p'.repeat(510)), /does not fit/);
    });

    it('uses the codec’s maxLineBytes', () => {
      const encoded = ircCodec({ maxLineBytes: 20 }).encode(ircMessage('PRIVMSG', ['#a', 'hello world, again']));
      expect(Buffer.from(encoded).toString()).toBe('PRIVMSG #a :hello \r\n');
    });

    it('never writes more than 512 bytes after the tags', () => {
      const latin1 = fc.string({
        unit: fc.integer({ min: 0x20, max: 0xff }).map((c) => String.fromCharCode(c)),
        maxLength: 700,
      });
      const middle = fc.stringMatching(/^[a-z#][a-z0-9]{0,40}$/);
      fc.assert(
        fc.property(fc.array(middle, { maxLength: 14 }), latin1, (middles, last) => {
          let line: string;
          try {
            line = wire(ircMessage('PRIVMSG', [...middles, last], 'n!u@h'));
          } catch (error) {
            expect(error).not.toBeInstanceOf(ProtocolError);
            expect((error as Error).message).toMatch(/does not fit/);
            return;
          }
          expect(line.length).toBeLessThanOrEqual(512);
          const message = decodeOne(line);
          expect(message.params.slice(0, -1)).toEqual(middles);
          expect(last.startsWith(message.params[message.params.length - 1])).toBe(true);
        }),
      );
    });
  });
});
