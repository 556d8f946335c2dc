import { Buffer } from 'node:buffer';
import { PendingBytes } from '../framing/pending-bytes';

const CR = 13;

/** `read` found no whole line yet; it kept the bytes it saw. */
export const NEED_MORE = -1;
/** `read` saw more than `maxLength` bytes before the line's CR. */
export const LINE_TOO_LONG = -2;

/**
 * Reads one RESP header line (`*3`, `$5`, `+OK`...) across chunks.
 *
 * A line ends at CR plus one more byte, and that byte is skipped unseen: this
 * is what Redis does (it looks for `\r` and steps over two bytes), and being
 * no stricter keeps us answering exactly what redis-server answers.
 *
 * A line longer than `maxLength` is refused whatever the chunking, so the
 * outcome depends only on the bytes (redis-server's own answer there depends
 * on how its reads happened to fall).
 */
export class RespLineReader {
  /** After a successful `read`: the line is `line[start, end)`, without its terminator. */
  line: Buffer = Buffer.alloc(0);
  start = 0;
  end = 0;

  private readonly pending = new PendingBytes();
  private crSeen = false;

  constructor(private readonly maxLength: number) {}

  /** True between lines: no byte of the next line has been seen. */
  get atLineStart(): boolean {
    return this.pending.length === 0 && !this.crSeen;
  }

  /** Returns the position after the line, NEED_MORE (the chunk is all consumed) or LINE_TOO_LONG. */
  read(chunk: Buffer, pos: number): number {
    if (this.crSeen) {
      // The CR ended the previous chunk; this byte is the LF.
      this.crSeen = false;
      this.setLine(this.pending.take());
      return pos + 1;
    }
    const cr = chunk.indexOf(CR, pos);
    const seen = this.pending.length + (cr === -1 ? chunk.length : cr) - pos;
    if (seen > this.maxLength) return LINE_TOO_LONG;
    if (cr === -1) {
      this.pending.push(chunk.subarray(pos));
      return NEED_MORE;
    }
    if (this.pending.length === 0 && cr + 1 < chunk.length) {
      this.line = chunk;
      this.start = pos;
      this.end = cr;
      return cr + 2;
    }
    this.pending.push(chunk.subarray(pos, cr));
    if (cr + 1 === chunk.length) {
      this.crSeen = true;
      return NEED_MORE;
    }
    this.setLine(this.pending.take());
    return cr + 2;
  }

  private setLine(line: Buffer): void {
    this.line = line;
    this.start = 0;
    this.end = line.length;
  }
}
