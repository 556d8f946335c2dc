import { ProtocolError } from '../protocol-error';

/**
 * The fatal errors of the RESP codecs. Server-side messages are Redis 7's own
 * text after `-ERR ` (src/networking.c, processInlineBuffer and
 * processMultibulkBuffer), so a server can answer `-ERR <message>` and close,
 * exactly as redis-server does. Codes are stable names for logs and metrics;
 * where Redis uses one text for two causes (malformed vs. over the limit) the
 * code tells them apart.
 */
export const RespProtocolErrors = {
  tooBigInlineRequest: () => new ProtocolError('Protocol error: too big inline request', 'INLINE_REQUEST_TOO_BIG'),
  unbalancedQuotes: () => new ProtocolError('Protocol error: unbalanced quotes in request', 'UNBALANCED_QUOTES'),
  tooBigMultibulkCount: () =>
    new ProtocolError('Protocol error: too big mbulk count string', 'MULTIBULK_COUNT_TOO_BIG'),
  invalidMultibulkLength: () =>
    new ProtocolError('Protocol error: invalid multibulk length', 'INVALID_MULTIBULK_LENGTH'),
  multibulkLengthOverLimit: () =>
    new ProtocolError('Protocol error: invalid multibulk length', 'MULTIBULK_LENGTH_OVER_LIMIT'),
  tooBigBulkCount: () => new ProtocolError('Protocol error: too big bulk count string', 'BULK_COUNT_TOO_BIG'),
  expectedDollar: (got: number) =>
    new ProtocolError(`Protocol error: expected '$', got '${printableByte(got)}'`, 'EXPECTED_BULK_STRING'),
  invalidBulkLength: () => new ProtocolError('Protocol error: invalid bulk length', 'INVALID_BULK_LENGTH'),
  bulkLengthOverLimit: () => new ProtocolError('Protocol error: invalid bulk length', 'BULK_LENGTH_OVER_LIMIT'),

  // Client side: Redis has no texts for a malformed reply, so these follow the
  // same style; hiredis words the unknown type byte the same way.
  invalidReplyType: (got: number) =>
    new ProtocolError(`Protocol error, got '${printableByte(got)}' as reply type byte`, 'INVALID_REPLY_TYPE'),
  replyLineTooLong: () => new ProtocolError('Protocol error: too big reply line', 'REPLY_LINE_TOO_LONG'),
  invalidAggregateLength: () =>
    new ProtocolError('Protocol error: invalid aggregate length', 'INVALID_AGGREGATE_LENGTH'),
  invalidReplyValue: (type: string) =>
    new ProtocolError(`Protocol error: invalid ${type} reply`, 'INVALID_REPLY_VALUE'),
} as const;

// Redis formats the byte with %c and then, like every error it sends, turns CR
// and LF into spaces so the error stays on one line.
function printableByte(byte: number): string {
  return byte === 13 || byte === 10 ? ' ' : String.fromCharCode(byte);
}
