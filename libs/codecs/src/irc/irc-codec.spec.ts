import fc from 'fast-check';
import type { Decoded } from '../codec';
import { ProtocolError } from '../protocol-error';
import { decodeChunks as decodeAll } from '../testing-support';
import type { IrcCodecOptions } from './irc-codec';
import { ircCodec } from './irc-codec';
import type { IrcMessage } from './irc-message';
import { ircMessage } from './irc-message';

// --- arbitraries -----------------------------------------------------------

/** One latin1 char (a byte), leaving out the chars in `excluded`. */
const byteChar = (excluded: string) =>
  fc
    .integer({ min: 0, max: 255 })
    .map((code) => String.fromCharCode(code))
    .filter((char) => !excluded.includes(char));

const fieldChar = byteChar('\0\r\n');
const wordChar = byteChar('\0\r\n ');
const middleParam = fc.string({ unit: wordChar, minLength: 1, maxLength: 16 }).filter((p) => !p.startsWith(':'));
const lastParam = fc.string({ unit: fieldChar, maxLength: 24 });
const command = fc.oneof(fc.stringMatching(/^[A-Z]{1,10}$/), fc.stringMatching(/^[0-9]{3}$/));
const prefix = fc.string({ unit: wordChar, minLength: 1, maxLength: 20 });
const tagKey = fc.string({ unit: byteChar('\0\r\n ;='), minLength: 1, maxLength: 10 });
const tagValue = fc.string({ unit: byteChar('\0'), maxLength: 12 });

const message: fc.Arbitrary<IrcMessage> = fc
  .record({
    command,
    middles: fc.array(middleParam, { maxLength: 14 }),
    last: fc.option(lastParam, { nil: undefined }),
    prefix: fc.option(prefix, { nil: undefined }),
    tags: fc.option(fc.dictionary(tagKey, tagValue, { minKeys: 1, maxKeys: 4 }), { nil: undefined }),
  })
  .map(({ command, middles, last, prefix, tags }) =>
    ircMessage(command, last === undefined ? middles : [...middles, last], prefix, tags),
  );

const stringOver = (alphabet: string, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), maxLength });

/**
 * Line-shaped bytes around the limits used below (tags near 12 bytes, bodies
 * near 16), with odd endings and stray bytes, to reach every framing branch.
 */
const ircishBytes = fc
  .array(
    fc.tuple(
      fc.option(stringOver('ab=;\\\x80', 16).map((tags) => '@' + tags), { nil: '' }),
      fc.constantFrom('', ' ', '  '),
      stringOver('aZz09 :#!\x80\xff\0\r', 22),
      fc.constantFrom('\r\n', '\n', '\r', '', '\r\r\n'),
    ),
    { maxLength: 10 },
  )
  .map((lines) => Buffer.from(lines.map((parts) => parts.join('')).join(''), 'latin1'));

/** Cut points for splitting a buffer into chunks. */
const cuts = fc.array(fc.nat(), { maxLength: 12 });

// --- helpers ---------------------------------------------------------------

function splitAt(bytes: Buffer, positions: number[]): Buffer[] {
  const points = [...new Set(positions.map((p) => (bytes.length === 0 ? 0 : p % (bytes.length + 1))))].sort(
    (a, b) => a - b,
  );
  const chunks: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

type Outcome = { items: unknown[]; fatal?: string };

/** Decodes the chunks with a fresh decoder; errors become plain comparable records. */
function decodeChunks(chunks: Buffer[], options?: IrcCodecOptions): Outcome {
  const plain = (item: Decoded<IrcMessage>) =>
    item instanceof ProtocolError ? { error: item.code, fatal: item.fatal } : item;
  const { items, fatal } = decodeAll(ircCodec(options).createDecoder(), chunks);
  return fatal === undefined ? { items: items.map(plain) } : { items: items.map(plain), fatal: fatal.code };
}

function encodeAll(messages: IrcMessage[]): Buffer {
  const codec = ircCodec();
  return Buffer.concat(messages.map((m) => Buffer.from(codec.encode(m))));
}

// --- properties --------------------------------------------------------------

describe('ircCodec', () => {
  it('is named irc', () => {
    expect(ircCodec().name).toBe('irc');
  });

  it('refuses limits too small to hold a command', () => {
    expect(() => ircCodec({ maxLineBytes: 2 })).toThrow(RangeError);
    expect(() => ircCodec({ maxTagBytes: 0 })).toThrow(RangeError);
    expect(() => ircCodec({ maxLineBytes: 1.5 })).toThrow(RangeError);
    expect(() => ircCodec().createDecoder({ maxFrameBytes: -1 })).toThrow(RangeError);
  });

  it('decodes any split of a stream of encoded messages to those messages', () => {
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), cuts, (messages, positions) => {
        expect(decodeChunks(splitAt(encodeAll(messages), positions))).toEqual({ items: messages });
      }),
    );
  });

  it('round-trips generated messages through encode and decode', () => {
    const codec = ircCodec();
    fc.assert(
      fc.property(message, (original) => {
        const wire = Buffer.from(codec.encode(original));
        const decoded = codec.createDecoder().decode(wire);
        expect(decoded).toEqual([original]);
        expect(Buffer.from(codec.encode(decoded[0] as IrcMessage))).toEqual(wire);
      }),
    );
  });

  it('throws nothing but fatal ProtocolErrors on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), cuts, (bytes, positions) => {
        decodeChunks(splitAt(Buffer.from(bytes), positions));
      }),
    );
  });

  it('gives the same items for any split of arbitrary input, limits included', () => {
    const options = { maxLineBytes: 16, maxTagBytes: 12 };
    fc.assert(
      fc.property(ircishBytes, cuts, (bytes, positions) => {
        const whole = decodeChunks([bytes], options);
        const bytewise = Array.from(bytes, (byte) => Buffer.of(byte));
        for (const chunks of [splitAt(bytes, positions), bytewise]) {
          // A fatal error comes back after the items ahead of it, so no split loses any.
          expect(decodeChunks(chunks, options)).toEqual(whole);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('can encode every message it decodes, and decode it back the same', () => {
    const codec = ircCodec();
    fc.assert(
      fc.property(ircishBytes, (bytes) => {
        const { items } = decodeChunks([bytes]);
        for (const item of items) {
          if ((item as { error?: string }).error !== undefined) continue;
          const decodedAgain = codec.createDecoder().decode(Buffer.from(codec.encode(item as IrcMessage)));
          expect(decodedAgain).toEqual([item]);
        }
      }),
      { numRuns: 500 },
    );
  });
});
