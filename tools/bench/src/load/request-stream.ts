/**
 * One connection's side of a protocol under load: the bytes of each request,
 * and a checker for the reply bytes. Replies must come back in request order
 * (both protocols benchmarked here answer in order on each connection).
 */
export interface RequestStream {
  /** The wire bytes of request number `seq` on this connection (0, 1, 2...); ASCII when a string. */
  request(seq: number): Buffer | string;
  /**
   * Feeds reply bytes as they arrive, split anywhere. Returns how many more
   * requests are now fully and correctly answered; throws ReplyMismatch on a
   * reply that is not the one owed.
   */
  accept(chunk: Buffer): number;
}

/** A reply that is not what the request asked for: the run fails. */
export class ReplyMismatch extends Error {
  override readonly name = 'ReplyMismatch';

  constructor(
    message: string,
    /** The request (sequence number on its connection) whose reply was wrong. */
    readonly seq: number,
  ) {
    super(message);
  }
}

/** A short, printable excerpt of bytes for error messages. */
export function preview(bytes: Buffer, max = 80): string {
  const text = JSON.stringify(bytes.subarray(0, max).toString('latin1'));
  return bytes.length > max ? `${text}... (${bytes.length} bytes)` : text;
}
