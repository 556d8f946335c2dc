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
  const header = `$${bytes.length}\r\n`;
  const out = Buffer.allocUnsafe(header.length + bytes.length + 2);
  const offset = out.write(header, 0, 'latin1') + bytes.copy(out, header.length);
  out[offset] = 13;
  out[offset + 1] = 10;
  return out;
}
