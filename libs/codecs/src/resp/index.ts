export type {
  RespArray,
  RespAttribute,
  RespBigNumber,
  RespBoolean,
  RespBulkString,
  RespCommand,
  RespDouble,
  RespInteger,
  RespMap,
  RespNull,
  RespPush,
  RespReply,
  RespRequest,
  RespSet,
  RespSimpleError,
  RespSimpleString,
  RespVerbatimString,
} from './resp-reply';
export { RespReplies } from './resp-replies';
export {
  RESP_DEFAULT_MAX_BULK_LENGTH,
  RESP_DEFAULT_MAX_INLINE_BYTES,
  RESP_DEFAULT_MAX_MULTIBULK_LENGTH,
  type RespServerLimits,
} from './resp-limits';
export { respServerCodec } from './resp-server-codec';
export { respClientCodec } from './resp-client-codec';
export { encodeRespReply } from './resp-reply-encoder';
export { encodeRespRequest } from './resp-request-encoder';
