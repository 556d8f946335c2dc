import fc from 'fast-check';
import { isProtocolError, ProtocolError } from '../protocol-error';
import { assertSplitInvariant, byteByByte, chunksOf, decodeChunks } from '../testing-support';
import { RespCommandDecoder } from './resp-command-decoder';
import { encodeRespRequest } from './resp-request-encoder';
import type { RespServerLimits } from './resp-limits';
import { respServerCodec } from './resp-server-codec';

const KIB = 1024;

function decoder(options?: RespServerLimits, maxFrameBytes?: number) {
  return respServerCodec(options).createDecoder(maxFrameBytes === undefined ? undefined : { maxFrameBytes });
}

/** Decodes and shows each command as strings, for readable expectations. */
function decodeText(bytes: string | Buffer, options?: RespServerLimits): string[][] {
  const items = decoder(options).decode(typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  return items.map((item) => {
    if (isProtocolError(item)) throw new Error(`unexpected ProtocolError ${item.code}`);
    return item.map((arg) => arg.toString('latin1'));
  });
}

/** The error the decoder throws for `chunks` fed in order; fails if none is thrown. */
function errorFor(chunks: Array<string | Buffer>, options?: RespServerLimits, maxFrameBytes?: number): ProtocolError {
  const d = decoder(options, maxFrameBytes);
  const run = decodeChunks(
    d,
    chunks.map((chunk) => (typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk)),
  );
  if (run.fatal === undefined) throw new Error('expected a fatal ProtocolError');
  return run.fatal;
}

describe('RespCommandDecoder: multibulk commands', () => {
  it('decodes an array of bulk strings into its arguments', () => {
    expect(decodeText('*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nhello\r\n')).toEqual([['SET', 'key', 'hello']]);
  });

  it('keeps bulk strings binary-safe, CR, LF and NUL included', () => {
    expect(decodeText('*2\r\n$4\r\nECHO\r\n$6\r\na\r\n\0\rb\r\n')).toEqual([['ECHO', 'a\r\n\0\rb']]);
    expect(decodeText('*2\r\n$3\r\nGET\r\n$0\r\n\r\n')).toEqual([['GET', '']]);
  });

  it('decodes pipelined commands from one chunk, in order', () => {
    const bytes = '*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$4\r\nINCR\r\n$1\r\nb\r\n';
    expect(decodeText(bytes)).toEqual([['PING'], ['GET', 'a'], ['INCR', 'b']]);
  });

  it('slices arguments out of the chunk when they sit whole inside it', () => {
    const chunk = Buffer.from('*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n');
    const [command] = decoder().decode(chunk) as Buffer[][];
    chunk.write('KEY', chunk.length - 5);
    expect(command[1].toString()).toBe('KEY');
  });

  it('still slices a bulk string whose CRLF alone falls in the next chunk', () => {
    const d = decoder();
    const first = Buffer.from('*1\r\n$3\r\nabc');
    expect(d.decode(first)).toEqual([]);
    const [[arg]] = d.decode(Buffer.from('\r\n')) as Buffer[][];
    first.write('X', first.length - 3);
    expect(arg.toString()).toBe('Xbc');
  });

  it('joins a bulk string that spans chunks', () => {
    const d = decoder();
    expect(d.decode(Buffer.from('*2\r\n$4\r\nECHO\r\n$10\r\n0123'))).toEqual([]);
    expect(d.decode(Buffer.from('456'))).toEqual([]);
    expect(d.decode(Buffer.from('789\r'))).toEqual([]);
    expect(d.decode(Buffer.from('\n'))).toEqual([[Buffer.from('ECHO'), Buffer.from('0123456789')]]);
  });

  it('treats *0, *-1 and other counts below one as no command, and reads on', () => {
    expect(decodeText('*0\r\n*-1\r\n*-5\r\n*1\r\n$4\r\nPING\r\n')).toEqual([['PING']]);
  });

  it('skips the byte after each CR and the two bytes after each bulk string unseen, as Redis does', () => {
    expect(decodeText('*1\rX$4\r\nPINGxy')).toEqual([['PING']]);
  });
});

describe('RespCommandDecoder: inline commands', () => {
  it('splits a line typed into nc or telnet', () => {
    expect(decodeText('PING\r\n')).toEqual([['PING']]);
    expect(decodeText('SET key "hello world"\r\n')).toEqual([['SET', 'key', 'hello world']]);
  });

  it('ends a line at a bare LF too', () => {
    expect(decodeText('PING\nECHO hi\n')).toEqual([['PING'], ['ECHO', 'hi']]);
  });

  it('strips only the one CR before the LF; another CR is whitespace', () => {
    expect(decodeText('PING\r\r\n')).toEqual([['PING']]);
    expect(decodeText('ECHO "a\r"\r\n')).toEqual([['ECHO', 'a\r']]);
  });

  it('ignores empty and blank lines', () => {
    expect(decodeText('\r\n\n   \r\nPING\r\n')).toEqual([['PING']]);
  });

  it('mixes with multibulk commands in one stream', () => {
    expect(decodeText('PING\r\n*1\r\n$4\r\nPING\r\nECHO x\n')).toEqual([['PING'], ['PING'], ['ECHO', 'x']]);
  });

  it('joins a line that spans chunks', () => {
    const d = decoder();
    expect(d.decode(Buffer.from('SET k "a'))).toEqual([]);
    expect(d.decode(Buffer.from(' b"\r'))).toEqual([]);
    expect(d.decode(Buffer.from('\n'))).toEqual([[Buffer.from('SET'), Buffer.from('k'), Buffer.from('a b')]]);
  });

  it('refuses unbalanced quotes', () => {
    const error = errorFor(['SET "key value\r\n']);
    expect(error.message).toBe('Protocol error: unbalanced quotes in request');
    expect(error.code).toBe('UNBALANCED_QUOTES');
    expect(errorFor(["GET 'a'b\n"]).code).toBe('UNBALANCED_QUOTES');
  });
});

describe('RespCommandDecoder: protocol errors carry Redis 7 texts', () => {
  it.each([
    ['a count that is no number', '*abc\r\n'],
    ['an empty count', '*\r\n'],
    ['a count with a plus sign', '*+1\r\n'],
    ['a count with a leading zero', '*01\r\n'],
  ])('invalid multibulk length: %s', (_, bytes) => {
    const error = errorFor([bytes]);
    expect(error.message).toBe('Protocol error: invalid multibulk length');
    expect(error.code).toBe('INVALID_MULTIBULK_LENGTH');
    expect(error.fatal).toBe(true);
  });

  it('refuses a count over maxMultibulkLength (default 1,048,576) as soon as the header is read', () => {
    expect(decodeText('*1048576\r\n')).toEqual([]);
    const error = errorFor(['*1048577\r\n']);
    expect(error.message).toBe('Protocol error: invalid multibulk length');
    expect(error.code).toBe('MULTIBULK_LENGTH_OVER_LIMIT');
    expect(errorFor(['*3\r\n'], { maxMultibulkLength: 2 }).code).toBe('MULTIBULK_LENGTH_OVER_LIMIT');
  });

  it.each([
    ['x', '*1\r\nx\r\n', "Protocol error: expected '$', got 'x'"],
    ['a second command too soon', '*2\r\n$4\r\nECHO\r\n*1\r\n', "Protocol error: expected '$', got '*'"],
    ['an empty line (CR shown as a space)', '*1\r\n\r\n', "Protocol error: expected '$', got ' '"],
  ])("expected '$': %s", (_, bytes, message) => {
    const error = errorFor([bytes]);
    expect(error.message).toBe(message);
    expect(error.code).toBe('EXPECTED_BULK_STRING');
  });

  it.each([
    ['negative', '$-1'],
    ['no number', '$abc'],
    ['empty', '$'],
    ['leading zero', '$01'],
    ['past int64', '$99999999999999999999'],
  ])('invalid bulk length: %s', (_, header) => {
    const error = errorFor([`*1\r\n${header}\r\n`]);
    expect(error.message).toBe('Protocol error: invalid bulk length');
    expect(error.code).toBe('INVALID_BULK_LENGTH');
  });

  it('refuses a bulk length over 512 MiB from the header alone, before any payload', () => {
    expect(decodeText('*1\r\n$536870912\r\n')).toEqual([]);
    const error = errorFor(['*1\r\n$536870913\r\n']);
    expect(error.message).toBe('Protocol error: invalid bulk length');
    expect(error.code).toBe('BULK_LENGTH_OVER_LIMIT');
  });

  it('takes the bulk limit from maxFrameBytes before maxBulkLength', () => {
    expect(errorFor(['*1\r\n$11\r\n'], { maxBulkLength: 100 }, 10).code).toBe('BULK_LENGTH_OVER_LIMIT');
    expect(decoder({ maxBulkLength: 5 }, 10).decode(Buffer.from('*1\r\n$10\r\n0123456789\r\n'))).toHaveLength(1);
    expect(errorFor(['*1\r\n$6\r\n'], { maxBulkLength: 5 }).code).toBe('BULK_LENGTH_OVER_LIMIT');
  });

  it('refuses more than 64 KiB of inline request without a newline, as the bytes arrive', () => {
    const d = decoder();
    expect(d.decode(Buffer.alloc(64 * KIB, 'a'))).toEqual([]);
    expect(() => d.decode(Buffer.from('a'))).toThrow('Protocol error: too big inline request');
    expect(errorFor([Buffer.alloc(64 * KIB + 1, 'a')]).code).toBe('INLINE_REQUEST_TOO_BIG');
  });

  it('refuses an inline line over the limit even when its newline is in the same chunk', () => {
    expect(errorFor([`${'a'.repeat(64 * KIB + 1)}\n`]).code).toBe('INLINE_REQUEST_TOO_BIG');
    expect(decodeText(`${'a'.repeat(64 * KIB)}\n`)).toEqual([['a'.repeat(64 * KIB)]]);
    expect(errorFor(['PING PONG\r\n'], { maxInlineBytes: 8 }).code).toBe('INLINE_REQUEST_TOO_BIG');
  });

  it('refuses a multibulk count line of more than 64 KiB', () => {
    const d = decoder();
    expect(d.decode(Buffer.from(`*${'1'.repeat(64 * KIB - 1)}`))).toEqual([]);
    const error = errorFor([`*${'1'.repeat(64 * KIB - 1)}`, '1']);
    expect(error.message).toBe('Protocol error: too big mbulk count string');
    expect(error.code).toBe('MULTIBULK_COUNT_TOO_BIG');
  });

  it('refuses a bulk count line of more than 64 KiB', () => {
    const error = errorFor(['*1\r\n', `$${'1'.repeat(64 * KIB)}`]);
    expect(error.message).toBe('Protocol error: too big bulk count string');
    expect(error.code).toBe('BULK_COUNT_TOO_BIG');
  });

  // The same errors when the bad command lies whole in one chunk, where the
  // decoder's one-pass fast path meets it first.
  it.each([
    ['*1\r\nx3\r\nabc\r\n', {}, 'EXPECTED_BULK_STRING'],
    ['*1\r\n$03\r\nabc\r\n', {}, 'INVALID_BULK_LENGTH'],
    ['*01\r\n$3\r\nabc\r\n', {}, 'INVALID_MULTIBULK_LENGTH'],
    ['*1\r\n$6\r\nabcdef\r\n', { maxBulkLength: 5 }, 'BULK_LENGTH_OVER_LIMIT'],
    ['*3\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n', { maxMultibulkLength: 2 }, 'MULTIBULK_LENGTH_OVER_LIMIT'],
    [`*10\r\n${'$1\r\na\r\n'.repeat(10)}`, { maxInlineBytes: 2 }, 'MULTIBULK_COUNT_TOO_BIG'],
    ['*1\r\n$10\r\n0123456789\r\n', { maxInlineBytes: 2 }, 'BULK_COUNT_TOO_BIG'],
  ])('whole command %j with %j fails with %s', (bytes, options: RespServerLimits, code) => {
    expect(errorFor([bytes], options).code).toBe(code);
    expect(errorFor(byteByByte(Buffer.from(bytes)), options).code).toBe(code);
  });

  it('returns the commands ahead of a fatal error in the same chunk, then the error', () => {
    const items = decoder().decode(Buffer.from('*1\r\n$4\r\nPING\r\nPING\r\n*x\r\n', 'latin1'));
    expect(items).toHaveLength(3);
    expect((items[0] as Buffer[]).map(String)).toEqual(['PING']);
    expect((items[1] as Buffer[]).map(String)).toEqual(['PING']);
    const error = items[2] as ProtocolError;
    expect(error).toBeInstanceOf(ProtocolError);
    expect(error.fatal).toBe(true);
    expect(error.message).toBe('Protocol error: invalid multibulk length');
  });

  it('stays dead after a fatal error: every later call throws it again', () => {
    const d = decoder();
    expect(() => d.decode(Buffer.from('*x\r\n'))).toThrow(ProtocolError);
    expect(() => d.decode(Buffer.from('*1\r\n$4\r\nPING\r\n'))).toThrow('Protocol error: invalid multibulk length');
  });
});

const token = fc.string({ unit: fc.constantFrom(...'abcXYZ019-_:'.split('')), minLength: 1, maxLength: 8 });
const inlineCommand = fc.array(token, { minLength: 1, maxLength: 4 });
const multibulkCommand = fc.array(fc.uint8Array({ maxLength: 40 }), { minLength: 1, maxLength: 5 });

/** A stream of commands: its bytes and the commands a server must read from it. */
const commandStream = fc
  .array(
    fc.oneof(
      multibulkCommand.map((args) => ({
        bytes: Buffer.from(encodeRespRequest(args.map((arg) => Buffer.from(arg)))),
        args: args.map((arg) => Buffer.from(arg)),
      })),
      inlineCommand.map((args) => ({ bytes: Buffer.from(`${args.join(' ')}\r\n`), args: args.map((arg) => Buffer.from(arg)) })),
    ),
    { maxLength: 8 },
  )
  .map((commands) => ({ bytes: Buffer.concat(commands.map((c) => c.bytes)), commands: commands.map((c) => c.args) }));

// Pieces of RESP and inline syntax, so random streams get deep into the parser.
const respishBytes = fc
  .array(
    fc.oneof(
      fc.constantFrom('*', '$', '\r\n', '\r', '\n', '1', '2', '3', '-1', '0', '10', '"', "'", '\\x4', '\\', ' ', 'PING', '\0'),
      fc.string({ maxLength: 3 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => Buffer.from(parts.join(''), 'latin1'));

const smallLimits: RespServerLimits = { maxBulkLength: 8, maxMultibulkLength: 3, maxInlineBytes: 12 };

/** Valid command streams with one byte overwritten or inserted: mostly valid, sometimes subtly not. */
const nearlyValidStream = fc
  .tuple(commandStream, fc.nat(), fc.constantFrom(...'0123456789$*-x\r\n "'.split('')), fc.boolean())
  .filter(([{ bytes }]) => bytes.length > 0)
  .map(([{ bytes }, at, char, insert]) => {
    const i = at % bytes.length;
    const byte = Buffer.from(char, 'latin1');
    return insert ? Buffer.concat([bytes.subarray(0, i), byte, bytes.subarray(i)]) : Buffer.concat([bytes.subarray(0, i), byte, bytes.subarray(i + 1)]);
  });

describe('RespCommandDecoder: properties', () => {
  it('decodes nearly valid streams the same whole (fast path) and byte by byte (state machine)', () => {
    fc.assert(
      fc.property(nearlyValidStream, fc.constantFrom<RespServerLimits>({}, smallLimits, { maxInlineBytes: 2 }), (bytes, limits) => {
        const whole = decodeChunks(decoder(limits), [bytes]);
        const fine = decodeChunks(decoder(limits), byteByByte(bytes));
        expect(fine.fatal?.code).toBe(whole.fatal?.code);
        // The error comes back after the commands ahead of it, so no split loses any.
        expect(fine.items).toEqual(whole.items);
      }),
      { numRuns: 500 },
    );
  });

  it('decodes any split of a stream of commands to the same commands', () => {
    fc.assert(
      fc.property(
        commandStream.chain(({ bytes, commands }) => chunksOf(bytes).map((chunks) => ({ chunks, commands }))),
        ({ chunks, commands }) => {
          const run = decodeChunks(decoder(), chunks);
          expect(run.fatal).toBeUndefined();
          expect(run.items).toEqual(commands);
        },
      ),
    );
  });

  it('decodes a stream the same fed whole, in pieces or byte by byte, errors included', () => {
    fc.assert(
      fc.property(
        fc.oneof(respishBytes, fc.uint8Array({ maxLength: 60 }).map((bytes) => Buffer.from(bytes))).chain(chunksOf),
        (chunks) => {
          assertSplitInvariant(() => decoder(smallLimits), chunks);
          assertSplitInvariant(() => decoder(), chunks);
        },
      ),
    );
  });

  it('throws nothing but fatal ProtocolErrors, whatever the bytes', () => {
    fc.assert(
      fc.property(fc.oneof(respishBytes, fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes))), (bytes) => {
        for (const chunks of [[bytes], byteByByte(bytes)]) {
          const d = new RespCommandDecoder({ maxBulkLength: 8, maxMultibulkLength: 3, maxInlineBytes: 12 });
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
