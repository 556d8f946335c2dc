import type { Codec, DecoderLimits } from '../codec';
import { RespCommandDecoder } from './resp-command-decoder';
import {
  checkedLimit,
  RESP_DEFAULT_MAX_BULK_LENGTH,
  RESP_DEFAULT_MAX_INLINE_BYTES,
  RESP_DEFAULT_MAX_MULTIBULK_LENGTH,
  type RespServerLimits,
} from './resp-limits';
import type { RespCommand, RespReply } from './resp-reply';
import { encodeRespReply } from './resp-reply-encoder';

/**
 * The codec of a Redis-compatible server: decodes commands (RESP arrays of
 * bulk strings, and inline commands typed into telnet or nc), encodes replies.
 * Every decoding error is fatal, and its message is what redis-server would
 * send after `-ERR ` before closing the connection.
 */
export function respServerCodec(options: RespServerLimits = {}): Codec<RespCommand, RespReply> {
  const maxBulkLength = checkedLimit(options.maxBulkLength, RESP_DEFAULT_MAX_BULK_LENGTH, 'maxBulkLength');
  const maxMultibulkLength = checkedLimit(
    options.maxMultibulkLength,
    RESP_DEFAULT_MAX_MULTIBULK_LENGTH,
    'maxMultibulkLength',
  );
  const maxInlineBytes = checkedLimit(options.maxInlineBytes, RESP_DEFAULT_MAX_INLINE_BYTES, 'maxInlineBytes');
  return {
    name: 'resp',
    createDecoder: (limits?: DecoderLimits) =>
      new RespCommandDecoder({
        maxBulkLength: checkedLimit(limits?.maxFrameBytes, maxBulkLength, 'maxFrameBytes'),
        maxMultibulkLength,
        maxInlineBytes,
      }),
    encode: encodeRespReply,
  };
}
