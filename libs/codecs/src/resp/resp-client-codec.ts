import type { Codec, DecoderLimits } from '../codec';
import { checkedLimit, RESP_DEFAULT_MAX_BULK_LENGTH } from './resp-limits';
import type { RespReply, RespRequest } from './resp-reply';
import { RespReplyDecoder } from './resp-reply-decoder';
import { encodeRespRequest } from './resp-request-encoder';

/**
 * The codec of a Redis client (our tests, our bench): encodes commands as
 * arrays of bulk strings, decodes every RESP2 and RESP3 reply. `maxFrameBytes`
 * bounds bulk string lengths and reply lines; it defaults to 512 MiB, the
 * largest string redis-server holds.
 */
export function respClientCodec(): Codec<RespReply, RespRequest> {
  return {
    name: 'resp-client',
    createDecoder: (limits?: DecoderLimits) =>
      new RespReplyDecoder({
        maxFrameBytes: checkedLimit(limits?.maxFrameBytes, RESP_DEFAULT_MAX_BULK_LENGTH, 'maxFrameBytes'),
      }),
    encode: encodeRespRequest,
  };
}
