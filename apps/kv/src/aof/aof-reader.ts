import { Buffer } from 'node:buffer';
/** A command read from the AOF, with the file offset just past it. */
export interface AofEntry {
  readonly args: Buffer[];
  readonly end: number;
}

/** The file breaks the record format at `offset`; nothing after it can be trusted. */
export class AofFormatError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${reason} at byte ${offset}`);
  }
}

const CR = 13;
const LF = 10;
const MAX_HEADER = 32;

/**
 * Reads AOF records, RESP arrays of bulk strings, strictly: unlike a server's
 * decoder it takes no inline commands, so garbage is an error, not a command.
 * Fed the file in chunks; `pendingFrom` tells where an unfinished record
 * began when the file ends (a record cut short by a crash).
 */
export class AofReader {
  private buffer: Buffer = Buffer.alloc(0);
  /** File offset of buffer[0]. */
  private base = 0;

  /** Offset where the first incomplete record starts (the file length if none). */
  get pendingFrom(): number {
    return this.base;
  }

  get hasPending(): boolean {
    return this.buffer.length > 0;
  }

  /** Returns the records completed by this chunk; throws AofFormatError on malformed bytes. */
  feed(chunk: Buffer): AofEntry[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const entries: AofEntry[] = [];
    let pos = 0;
    for (;;) {
      const parsed = this.parseRecord(pos);
      if (parsed === undefined) break;
      entries.push({ args: parsed.args, end: this.base + parsed.end });
      pos = parsed.end;
    }
    this.buffer = this.buffer.subarray(pos);
    this.base += pos;
    return entries;
  }

  /** One whole record from `start`, or undefined if the buffer ends inside it. */
  private parseRecord(start: number): { args: Buffer[]; end: number } | undefined {
    const buf = this.buffer;
    if (start >= buf.length) return undefined;
    if (buf[start] !== 0x2a) throw new AofFormatError(this.base + start, `expected '*' starting a record, found ${describeByte(buf[start])}`);
    const header = this.readNumber(start + 1);
    if (header === undefined) return undefined;
    const count = header.value;
    if (count < 1) throw new AofFormatError(this.base + start, 'a record with no arguments');
    let pos = header.next;
    const args: Buffer[] = [];
    for (let i = 0; i < count; i++) {
      if (pos >= buf.length) return undefined;
      if (buf[pos] !== 0x24) throw new AofFormatError(this.base + pos, `expected '$' starting an argument, found ${describeByte(buf[pos])}`);
      const length = this.readNumber(pos + 1);
      if (length === undefined) return undefined;
      const dataEnd = length.next + length.value;
      if (dataEnd + 2 > buf.length) return undefined;
      if (buf[dataEnd] !== CR || buf[dataEnd + 1] !== LF) throw new AofFormatError(this.base + dataEnd, 'an argument not followed by CRLF');
      // A copy: the values replayed from it are stored, and must not pin the read buffer.
      args.push(Buffer.from(buf.subarray(length.next, dataEnd)));
      pos = dataEnd + 2;
    }
    return { args, end: pos };
  }

  /** Digits then CRLF from `pos`; undefined if the buffer ends first. */
  private readNumber(pos: number): { value: number; next: number } | undefined {
    const buf = this.buffer;
    let value = 0;
    let p = pos;
    for (; p < buf.length && p - pos <= MAX_HEADER; p++) {
      const byte = buf[p];
      if (byte === CR) break;
      if (byte < 0x30 || byte > 0x39) throw new AofFormatError(this.base + p, 'a malformed length');
      value = value * 10 + (byte - 0x30);
    }
    if (p - pos > MAX_HEADER) throw new AofFormatError(this.base + pos, 'a length too long to be one');
    if (p + 1 >= buf.length) return undefined;
    if (p === pos || buf[p + 1] !== LF) throw new AofFormatError(this.base + p, 'a malformed length');
    return { value, next: p + 2 };
  }
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}
