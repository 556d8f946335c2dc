import { Buffer } from 'node:buffer';
import type { Codec, Decoded, Decoder, DecoderLimits } from '../codec';
import { isProtocolError, ProtocolError } from '../protocol-error';
import { linesCodec } from '../lines';

export interface JsonLinesCodecOptions {
  /** Longest line in bytes, delimiter excluded; default 64 KiB. `createDecoder`'s limit overrides it. */
  readonly maxLineBytes?: number;
}

/** JSON's own whitespace; LF never reaches here because it ends lines. */
const BLANK = /^[ \t\r]*$/;

/**
 * One JSON value per line (LF, or CRLF). Lines holding only whitespace are
 * skipped. A line that is not valid JSON yields a non-fatal `INVALID_JSON` in
 * its place and the lines after it decode as usual; an over-long line is a
 * fatal `FRAME_TOO_LONG`, as in `linesCodec`.
 *
 * Decoded values are typed `T` but not checked: callers validate them.
 */
export function jsonLinesCodec<T = unknown>(options: JsonLinesCodecOptions = {}): Codec<T, unknown> {
  const lines = linesCodec({ maxLineBytes: options.maxLineBytes });
  return {
    name: 'json-lines',
    createDecoder(limits?: DecoderLimits): Decoder<T> {
      return new JsonLineDecoder<T>(lines.createDecoder(limits));
    },
    encode(value: unknown): string {
      // Without indentation JSON.stringify never writes a raw LF, so the value stays one line.
      const text = JSON.stringify(value);
      if (text === undefined) throw new TypeError(`json-lines cannot encode ${typeof value}`);
      return text + '\n';
    },
  };
}

class JsonLineDecoder<T> implements Decoder<T> {
  constructor(private readonly lines: Decoder<string>) {}

  decode(chunk: Buffer): Decoded<T>[] {
    const values: Decoded<T>[] = [];
    for (const line of this.lines.decode(chunk)) {
      if (isProtocolError(line)) values.push(line);
      else if (!BLANK.test(line)) values.push(parseLine<T>(line));
    }
    return values;
  }
}

function parseLine<T>(line: string): T | ProtocolError {
  try {
    return JSON.parse(line) as T;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return new ProtocolError(`invalid JSON line: ${reason}`, 'INVALID_JSON', false);
  }
}
