import type { Decoded, Decoder } from '../codec';
import { ProtocolError } from '../protocol-error';
import { ircCodec } from './irc-codec';
import type { IrcMessage } from './irc-message';

const bytes = (latin1: string) => Buffer.from(latin1, 'latin1');

function decodeChunks(decoder: Decoder<IrcMessage>, chunks: string[]): Decoded<IrcMessage>[] {
  return chunks.flatMap((chunk) => decoder.decode(bytes(chunk)));
}

function decodeAll(input: string, options?: Parameters<typeof ircCodec>[0]): Decoded<IrcMessage>[] {
  return ircCodec(options).createDecoder().decode(bytes(input));
}

function decodeBytewise(input: string): Decoded<IrcMessage>[] {
  return decodeChunks(ircCodec().createDecoder(), Array.from(input));
}

function expectError(item: Decoded<IrcMessage> | undefined, code: string, fatal: boolean): void {
  expect(item).toBeInstanceOf(ProtocolError);
  expect(item).toMatchObject({ code, fatal });
}

/** A line with exactly `contentBytes` bytes between its tags and its line ending. */
function lineWithContent(contentBytes: number, lineEnd = '\r\n'): string {
  const head = 'PRIVMSG #a :';
  return head + 'x'.repeat(contentBytes - head.length) + lineEnd;
}

describe('IrcMessageDecoder', () => {
  describe('line endings', () => {
    it('reads CRLF and bare LF lines, whole and byte by byte', () => {
      const input = 'PING a\r\nPING b\nPING c\r\n';
      const expected = [
        { command: 'PING', params: ['a'] },
        { command: 'PING', params: ['b'] },
        { command: 'PING', params: ['c'] },
      ];
      expect(decodeAll(input)).toEqual(expected);
      expect(decodeBytewise(input)).toEqual(expected);
    });

    it('ignores empty lines silently', () => {
      expect(decodeAll('\r\n\n\r\nPING a\r\n\n')).toEqual([{ command: 'PING', params: ['a'] }]);
    });

    it('holds a line until its LF arrives, even after a CR', () => {
      const decoder = ircCodec().createDecoder();
      expect(decoder.decode(bytes('PRIVMSG #a :hi\r'))).toEqual([]);
      expect(decoder.decode(bytes('\n'))).toEqual([{ command: 'PRIVMSG', params: ['#a', 'hi'] }]);
    });

    it('copies a held line rather than keeping the caller’s chunk', () => {
      const decoder = ircCodec().createDecoder();
      const first = bytes('PRIVMSG #a :hel');
      decoder.decode(first);
      first.fill(0x58);
      expect(decoder.decode(bytes('lo\r\n'))).toEqual([{ command: 'PRIVMSG', params: ['#a', 'hello'] }]);
    });
  });

  it('passes bytes that are not UTF-8 through decode and encode unchanged', () => {
    const codec = ircCodec();
    const notUtf8 = [0xff, 0xfe, 0xc3, 0x28, 0x20, 0x80, 0x41];
    const wire = Buffer.concat([bytes('PRIVMSG #caf\xe9 :'), Buffer.from(notUtf8), bytes('\r\n')]);
    const [message] = codec.createDecoder().decode(wire);
    expect(message).toEqual({ command: 'PRIVMSG', params: ['#caf\xe9', '\xff\xfe\xc3\x28 \x80A'] });
    expect(Buffer.from(codec.encode(message as IrcMessage))).toEqual(wire);
  });

  it('replaces a malformed line with a non-fatal error and goes on', () => {
    const [bad, good] = decodeAll('1234 x\r\nPING a\r\n');
    expectError(bad, 'MALFORMED', false);
    expect(good).toEqual({ command: 'PING', params: ['a'] });
  });

  describe('line length limit', () => {
    it('accepts 510 bytes plus CRLF after the tags', () => {
      for (const input of [lineWithContent(510), lineWithContent(510, '\n')]) {
        const items = decodeAll(input);
        expect(items).toHaveLength(1);
        expect((items[0] as IrcMessage).params[1]).toHaveLength(498);
      }
    });

    it('drops a longer line with a non-fatal INPUT_TOO_LONG and parses the next', () => {
      for (const input of [lineWithContent(511) + 'PING a\r\n', lineWithContent(511, '\n') + 'PING a\r\n']) {
        for (const items of [decodeAll(input), decodeBytewise(input)]) {
          expect(items).toHaveLength(2);
          expectError(items[0], 'INPUT_TOO_LONG', false);
          expect(items[1]).toEqual({ command: 'PING', params: ['a'] });
        }
      }
    });

    it('does not count the tags', () => {
      const tags = '@k=' + 'v'.repeat(8000) + ' ';
      const [message] = decodeAll(tags + lineWithContent(510));
      expect(message).not.toBeInstanceOf(ProtocolError);
      expect((message as IrcMessage).tags?.['k']).toHaveLength(8000);
    });

    it('reports the line as soon as it passes the limit, before its LF', () => {
      const decoder = ircCodec().createDecoder();
      expect(decoder.decode(bytes('PRIVMSG #a :' + 'x'.repeat(499)))).toEqual([]);
      const items = decoder.decode(bytes('yy'));
      expect(items).toHaveLength(1);
      expectError(items[0], 'INPUT_TOO_LONG', false);
    });

    it('uses maxLineBytes and a decoder’s maxFrameBytes over it', () => {
      expectError(decodeAll('PING abcdefg\r\n', { maxLineBytes: 12 })[0], 'INPUT_TOO_LONG', false);
      expect(decodeAll('PING abcdef\r\n', { maxLineBytes: 13 })).toEqual([{ command: 'PING', params: ['abcdef'] }]);
      const decoder = ircCodec({ maxLineBytes: 12 }).createDecoder({ maxFrameBytes: 1024 });
      expect(decoder.decode(bytes('PING ' + 'a'.repeat(900) + '\r\n'))).toHaveLength(1);
      expect(ircCodec().createDecoder({ maxFrameBytes: 10 }).decode(bytes('PING abcdefgh\r\n'))[0]).toBeInstanceOf(
        ProtocolError,
      );
    });

    describe('a 100 KB line fed in 1 KB chunks', () => {
      const chunks = Array.from({ length: 100 }, (_, i) => (i === 0 ? 'PRIVMSG #a :' : '') + 'x'.repeat(1024));

      it('gives one error, then nothing until its LF, then the next line', () => {
        const decoder = ircCodec().createDecoder();
        const perChunk = chunks.map((chunk) => decoder.decode(bytes(chunk)));
        expect(perChunk[0]).toHaveLength(1);
        expectError(perChunk[0][0], 'INPUT_TOO_LONG', false);
        expect(perChunk.slice(1).every((items) => items.length === 0)).toBe(true);
        expect(decoder.decode(bytes('tail\r\nPING a\r\n'))).toEqual([{ command: 'PING', params: ['a'] }]);
      });

      it('allocates less than one chunk’s worth of Buffers while skipping it', () => {
        const created: number[] = [];
        const track = (name: 'alloc' | 'allocUnsafe' | 'allocUnsafeSlow' | 'from' | 'concat') => {
          const original = Buffer[name] as unknown as (...args: unknown[]) => Buffer;
          return jest.spyOn(Buffer, name).mockImplementation(((...args: unknown[]) => {
            const made = original.apply(Buffer, args);
            created.push(made.length);
            return made;
          }) as never);
        };
        const input = chunks.map(bytes);
        const decoder = ircCodec().createDecoder();
        const spies = [track('alloc'), track('allocUnsafe'), track('allocUnsafeSlow'), track('from'), track('concat')];
        try {
          for (const chunk of input) decoder.decode(chunk);
        } finally {
          spies.forEach((spy) => spy.mockRestore());
        }
        const total = created.reduce((sum, size) => sum + size, 0);
        expect(total).toBeLessThan(1024);
      });
    });
  });

  describe('tag length limit', () => {
    const tagSection = (size: number) => '@k=' + 'v'.repeat(size - 4) + ' ';

    it('accepts a tag section of 8191 bytes with its @ and space', () => {
      expect(decodeAll(tagSection(8191) + 'PING a\r\n')[0]).not.toBeInstanceOf(ProtocolError);
    });

    it('throws a fatal TAGS_TOO_LONG for 8192 bytes, whole or byte by byte', () => {
      const input = tagSection(8192) + 'PING a\r\n';
      for (const decode of [() => decodeAll(input), () => decodeBytewise(input)]) {
        expect(decode).toThrow(ProtocolError);
        expect(decode).toThrow(expect.objectContaining({ code: 'TAGS_TOO_LONG', fatal: true }));
      }
    });

    it('throws before the tag section ends, and keeps throwing afterwards', () => {
      const decoder = ircCodec().createDecoder();
      expect(decoder.decode(bytes('@k=' + 'v'.repeat(8000)))).toEqual([]);
      expect(() => decoder.decode(bytes('v'.repeat(1000)))).toThrow(expect.objectContaining({ code: 'TAGS_TOO_LONG' }));
      expect(() => decoder.decode(bytes('PING a\r\n'))).toThrow(expect.objectContaining({ code: 'TAGS_TOO_LONG' }));
    });

    it('throws on the first byte that rules out a space within 8191 bytes', () => {
      const decoder = ircCodec().createDecoder();
      expect(decoder.decode(bytes('@k=' + 'v'.repeat(8187)))).toEqual([]);
      expect(() => decoder.decode(bytes('v'))).toThrow(expect.objectContaining({ code: 'TAGS_TOO_LONG' }));
    });

    it('uses maxTagBytes', () => {
      expect(() => decodeAll('@a=12 PING\r\n', { maxTagBytes: 5 })).toThrow(ProtocolError);
      expect(decodeAll('@a=1 PING\r\n', { maxTagBytes: 5 })).toEqual([
        { tags: { a: '1' }, command: 'PING', params: [] },
      ]);
    });

    it('calls a short tag-only line malformed rather than too long', () => {
      expectError(decodeAll('@a=b\r\nPING\r\n')[0], 'MALFORMED', false);
    });
  });
});
