import fc from 'fast-check';
import { ircCodec } from './irc-codec';
import { ircMessage } from './irc-message';
import { fromIrcString, toIrcString } from './irc-string';

describe('toIrcString / fromIrcString', () => {
  it('turns text into its UTF-8 bytes, one char per byte', () => {
    expect(toIrcString('héllo ☃')).toBe('h\xc3\xa9llo \xe2\x98\x83');
  });

  it('puts UTF-8 on the wire when the codec encodes the result', () => {
    const wire = Buffer.from(ircCodec().encode(ircMessage('PRIVMSG', ['#a', toIrcString('héllo ☃')])));
    expect(wire.toString('utf8')).toBe('PRIVMSG #a :héllo ☃\r\n');
  });

  it('reads UTF-8 bytes back as text, and bad bytes as U+FFFD', () => {
    expect(fromIrcString('h\xc3\xa9llo')).toBe('héllo');
    expect(fromIrcString('a\xffb')).toBe('a\ufffdb');
  });

  it('round-trips any well-formed text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const raw = toIrcString(text);
        expect(Buffer.byteLength(text, 'utf8')).toBe(raw.length);
        expect(fromIrcString(raw)).toBe(text);
      }),
    );
  });
});
