import { Buffer } from 'node:buffer';
import type { Codec, Decoded, Decoder, DecoderLimits, Encoded } from '../codec';
import { itemsThenFatal, ProtocolError } from '../protocol-error';
import { checkFrameLimit } from './frame-limit';
import { PendingBytes } from '../framing/pending-bytes';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Encodings in which every byte under 0x80 is that ASCII character, so LF and
 * CR are found by byte and decoding whole runs of lines equals decoding each.
 */
const LINE_ENCODINGS: ReadonlySet<string> = new Set(['utf8', 'utf-8', 'latin1', 'binary', 'ascii']);

/** Default longest line, delimiter excluded. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 1024;

export interface LinesCodecOptions {
  /**
   * What ends a line. With `'\n'` (the default) every LF does; with `'\r\n'`
   * only CR LF does, and a bare LF is part of the line.
   */
  readonly delimiter?: '\n' | '\r\n';
  /**
   * With delimiter `'\n'`, drop one CR right before the LF, so CRLF and LF
   * peers both work. Default true. Has no effect with `'\r\n'`, where the CR
   * always belongs to the delimiter.
   */
  readonly stripCarriageReturn?: boolean;
  /** Longest line in bytes, delimiter excluded; `createDecoder`'s `maxFrameBytes` overrides it. */
  readonly maxLineBytes?: number;
  /**
   * How line bytes become strings and back: utf8 (the default), latin1 or
   * ascii. Others are refused: in UTF-16 a character may hold an LF byte, and
   * hex or base64 do not describe text.
   */
  readonly encoding?: BufferEncoding;
}

interface LineRules {
  readonly maxLineBytes: number;
  /** A bare LF does not end a line. */
  readonly crlfOnly: boolean;
  /** A CR right before the ending LF is part of the delimiter, not the line. */
  readonly crBelongsToDelimiter: boolean;
  readonly encoding: BufferEncoding;
}

/**
 * Text lines. Each line's bytes are turned into a string only once the line
 * is whole, so a multi-byte character split across chunks stays intact.
 *
 * A line over the limit is a fatal `FRAME_TOO_LONG`, raised as soon as the
 * unterminated bytes held pass the limit. Lines the encoder is given must not
 * contain the delimiter (nor, with CR stripping, end in CR): they would not
 * come back as the same single line.
 */
export function linesCodec(options: LinesCodecOptions = {}): Codec<string, string> {
  const delimiter = options.delimiter ?? '\n';
  const encoding = options.encoding ?? 'utf8';
  if (!LINE_ENCODINGS.has(encoding.toLowerCase())) {
    throw new RangeError(`lines cannot use ${encoding}: it must keep LF and CR single-byte characters`);
  }
  const crlfOnly = delimiter === '\r\n';
  const rules = {
    crlfOnly,
    crBelongsToDelimiter: crlfOnly || (options.stripCarriageReturn ?? true),
    encoding,
  };
  const maxLineBytes = checkFrameLimit('maxLineBytes', options.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
  const isUtf8 = /^utf-?8$/i.test(encoding);

  return {
    name: 'lines',
    createDecoder(limits?: DecoderLimits): Decoder<string> {
      const max = limits?.maxFrameBytes;
      return new LineDecoder({
        ...rules,
        maxLineBytes: max === undefined ? maxLineBytes : checkFrameLimit('maxFrameBytes', max),
      });
    },
    encode(line: string): Encoded {
      // Strings reach the wire as UTF-8, so only latin1 and ascii need bytes here.
      return isUtf8 ? line + delimiter : Buffer.from(line + delimiter, encoding);
    },
  };
}

class LineDecoder implements Decoder<string> {
  private readonly pending = new PendingBytes();
  private failure: ProtocolError | undefined;

  constructor(private readonly rules: LineRules) {}

  decode(chunk: Buffer): Decoded<string>[] {
    if (this.failure) throw this.failure;
    const lines: string[] = [];
    try {
      // A line begun in earlier chunks is finished on its own, joining its pieces.
      let start = this.pending.length > 0 ? this.readLines(chunk, 0, lines, 1) : 0;
      const lastEnd = this.lastLineEnd(chunk, start);
      if (lastEnd !== -1) {
        // When the whole lines left cannot hold an over-long one, one toString
        // and one split beat a decode per line.
        if (lastEnd - start <= this.rules.maxLineBytes) this.splitLines(chunk, start, lastEnd, lines);
        else this.readLines(chunk, start, lines, Infinity);
        start = lastEnd + 1;
      }
      this.hold(chunk, start);
    } catch (error) {
      return itemsThenFatal(lines, error);
    }
    return lines;
  }

  /**
   * Reads up to `count` lines from `start`, checking each against the limit;
   * returns where the unread bytes begin.
   */
  private readLines(chunk: Buffer, start: number, lines: string[], count: number): number {
    const { crlfOnly, crBelongsToDelimiter, maxLineBytes, encoding } = this.rules;
    let lf: number;
    let searchFrom = start;
    while (count > 0 && (lf = chunk.indexOf(LF, searchFrom)) !== -1) {
      searchFrom = lf + 1;
      // The byte before this LF may be the last one held from earlier chunks.
      const crBefore = lf > start ? chunk[lf - 1] === CR : this.pending.lastByte() === CR;
      if (crlfOnly && !crBefore) continue;
      const length = this.pending.length + lf - start - (crBefore && crBelongsToDelimiter ? 1 : 0);
      if (length > maxLineBytes) this.fail();
      lines.push(
        this.pending.length === 0
          ? chunk.toString(encoding, start, start + length)
          : this.pending.takeWith(chunk.subarray(start, lf)).toString(encoding, 0, length),
      );
      start = searchFrom;
      count -= 1;
    }
    return start;
  }

  /** The LF ending the last whole line that starts at or after `start`, or -1. */
  private lastLineEnd(chunk: Buffer, start: number): number {
    let lf = chunk.lastIndexOf(LF);
    if (!this.rules.crlfOnly) return lf >= start ? lf : -1;
    while (lf > start && chunk[lf - 1] !== CR) lf = chunk.lastIndexOf(LF, lf - 1);
    return lf > start ? lf : -1;
  }

  /**
   * Decodes the whole lines in `chunk[start, end]`, `end` being the final LF.
   * Splitting the decoded text is safe because the encodings allowed keep each
   * LF and CR a character of its own.
   */
  private splitLines(chunk: Buffer, start: number, end: number, lines: string[]): void {
    const { crlfOnly, crBelongsToDelimiter, encoding } = this.rules;
    const text = crlfOnly ? chunk.toString(encoding, start, end - 1) : chunk.toString(encoding, start, end);
    for (const line of text.split(crlfOnly ? '\r\n' : '\n')) {
      const cut = !crlfOnly && crBelongsToDelimiter && line.charCodeAt(line.length - 1) === CR;
      lines.push(cut ? line.slice(0, -1) : line);
    }
  }

  /** Keeps the unterminated rest of `chunk`, failing once it cannot fit in a line. */
  private hold(chunk: Buffer, start: number): void {
    if (start === chunk.length) return;
    const held = this.pending.length + chunk.length - start;
    // A final CR may be the first half of a CR LF, which the limit does not count.
    const maybeDelimiter = this.rules.crBelongsToDelimiter && chunk[chunk.length - 1] === CR ? 1 : 0;
    if (held > this.rules.maxLineBytes + maybeDelimiter) this.fail();
    this.pending.push(start === 0 ? chunk : chunk.subarray(start));
  }

  private fail(): never {
    this.pending.clear();
    this.failure = new ProtocolError(
      `line exceeds the limit of ${this.rules.maxLineBytes} bytes`,
      'FRAME_TOO_LONG',
    );
    throw this.failure;
  }
}
