import { Buffer } from 'node:buffer';
import type { Encoded } from '../codec';

/**
 * Collects the pieces of one encoded message. Text is concatenated as a
 * string (cheap in V8); only when a Buffer payload joins is everything laid
 * into one Buffer, sized up front, so a reply never costs more than one copy.
 */
export class RespWriter {
  private text = '';
  private parts: Array<string | Buffer> | undefined;

  write(text: string): void {
    this.text += text;
  }

  writeBytes(bytes: Buffer): void {
    if (this.parts === undefined) this.parts = [];
    if (this.text.length > 0) {
      this.parts.push(this.text);
      this.text = '';
    }
    this.parts.push(bytes);
  }

  /** A string when no Buffer was written, else one Buffer. */
  finish(): Encoded {
    const { parts, text } = this;
    if (parts === undefined) return text;
    if (text.length > 0) parts.push(text);
    let size = 0;
    for (const part of parts) size += typeof part === 'string' ? Buffer.byteLength(part) : part.length;
    const out = Buffer.allocUnsafe(size);
    let offset = 0;
    for (const part of parts) offset += typeof part === 'string' ? out.write(part, offset) : part.copy(out, offset);
    return out;
  }
}

/** `$<len>\r\n<bytes>\r\n` as one Buffer: the shape of most replies that carry data. */
export function encodeBulkBytes(bytes: Buffer): Buffer {
  const length = bytes.length;
  const digits = String(length);
  const out = Buffer.allocUnsafe(digits.length + length + 5);
  // Byte by byte: for replies this small, each native call (latin1Write, copy) costs more than the loop.
  out[0] = DOLLAR;
  let at = 1;
  for (let i = 0; i < digits.length; i++) out[at++] = digits.charCodeAt(i);
  out[at++] = CR;
  out[at++] = LF;
  if (length <= SMALL_COPY_BYTES) {
    for (let i = 0; i < length; i++) out[at++] = bytes[i];
  } else {
    out.set(bytes, at);
    at += length;
  }
  out[at] = CR;
  out[at + 1] = LF;
  return out;
}

const DOLLAR = 36;
const CR = 13;
const LF = 10;
/** Below this a loop copies faster than a native call. */
const SMALL_COPY_BYTES = 32;
