import { Buffer } from 'node:buffer';
import type { Decoder, RespReply } from '@weir/codecs';

/** A top-level reply no server sends. */
const SENTINEL = 'weir-fault-sentinel';

/**
 * Whether a reply decoder stands exactly between replies, i.e. the bytes it
 * was fed ended after a whole one. The decoder keeps no public state, so it
 * is asked by feeding it a sentinel reply: mid-line, mid-bulk or mid-array
 * the sentinel does not come back alone and intact. This spends the decoder:
 * call it once the stream is over.
 */
export function standsBetweenReplies(decoder: Decoder<RespReply>): boolean {
  try {
    const after = decoder.decode(Buffer.from(`+${SENTINEL}\r\n`));
    const only = after.length === 1 ? after[0] : undefined;
    return only !== undefined && !(only instanceof Error) && only.type === 'simple' && only.value === SENTINEL;
  } catch {
    return false;
  }
}
