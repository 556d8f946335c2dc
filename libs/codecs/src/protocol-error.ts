/**
 * A peer sent bytes that break the protocol: a frame over its limit, a malformed
 * header, a line that is not what the codec expects.
 *
 * `fatal` errors end the stream: the decoder that threw is finished and the
 * connection closes after the protocol's error reply. Non-fatal errors (one bad
 * JSON line, one over-long IRC line) are returned among the decoded items and
 * the stream goes on.
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';

  constructor(
    message: string,
    /** A short stable code for logs, metrics and tests, e.g. `FRAME_TOO_LONG`. */
    readonly code: string,
    readonly fatal: boolean = true,
  ) {
    super(message);
  }
}

export function isProtocolError(value: unknown): value is ProtocolError {
  return value instanceof ProtocolError;
}
