import type { ProtocolError } from '@weir/codecs';
import type { MessageContext } from './message-context';

/**
 * The protocol's own words for what went wrong. Each returns the reply to send,
 * or undefined where the protocol has none (then nothing is sent).
 */
export interface ServiceReplies<In, Out> {
  /** No plugin handles this route key: Redis's `ERR unknown command`, IRC's 421. */
  unknownRoute?(message: In, context: MessageContext<In, Out>): Out | undefined;
  /** A handler threw, rejected or errored its Observable; the connection stays open. */
  handlerError?(error: unknown, message: In, context: MessageContext<In, Out>): Out | undefined;
  /** A frame broke the protocol. Fatal errors close the connection after this reply. */
  protocolError?(error: ProtocolError): Out | undefined;
  /** Refused at accept, e.g. too many connections; the reply is written and the socket ended. */
  rejected?(reason: string): Out | undefined;
}
