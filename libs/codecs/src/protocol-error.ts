/**
 * A peer sent bytes that break the protocol: a frame over its limit, a malformed
 * header, a line that is not what the codec expects.
 *
 * `fatal` errors end the stream: the decoder that met one is finished (it
 * gives it after the items ahead of it; see `itemsThenFatal`) and the
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

/**
 * How a decoder ends a chunk in which it met a fatal error after decoding some
 * items: it gives them, then the error as the last item, so the peer's
 * messages ahead of its bad bytes are still handled (as redis-server runs the
 * commands pipelined ahead of a malformed one). With no items, or for anything
 * but a fatal ProtocolError, `error` is thrown on.
 */
export function itemsThenFatal<T>(items: Array<T | ProtocolError>, error: unknown): Array<T | ProtocolError> {
  if (!(error instanceof ProtocolError) || !error.fatal || items.length === 0) throw error;
  items.push(error);
  return items;
}
