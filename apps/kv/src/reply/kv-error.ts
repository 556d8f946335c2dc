import type { RespReply } from '@weir/codecs';
import { err } from './replies';

/**
 * Thrown by a handler (or a helper deep inside one) to answer with an error
 * reply: the pipeline's handlerError turns it back into its reply. Returning
 * the error reply is the usual way; throwing suits parsers nested in helpers.
 */
export class KvError extends Error {
  constructor(readonly reply: RespReply) {
    super(reply.type === 'error' ? reply.value : 'kv error');
  }
}

/** The reply for anything a handler threw: its own reply if it is a KvError, a generic ERR otherwise. */
export function errorReply(error: unknown): RespReply {
  if (error instanceof KvError) return error.reply;
  const message = error instanceof Error ? error.message : String(error);
  return err(`ERR ${message}`);
}
