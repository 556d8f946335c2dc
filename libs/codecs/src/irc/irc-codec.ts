import type { Codec, DecoderLimits } from '../codec';
import type { IrcLineLimits } from './irc-message-decoder';
import { IrcMessageDecoder } from './irc-message-decoder';
import { encodeIrcMessage } from './irc-message-encoder';
import type { IrcMessage } from './irc-message';

/** RFC 1459: a message is at most 512 bytes with its CRLF (tags not counted). */
export const IRC_MAX_LINE_BYTES = 512;
/** IRCv3 message-tags: the tag section is at most 8191 bytes with its `@` and space. */
export const IRC_MAX_TAG_BYTES = 8191;

export interface IrcCodecOptions {
  /**
   * Largest prefix + command + params, counting the CRLF, for both directions:
   * the decoder drops longer lines (non-fatal INPUT_TOO_LONG) and the encoder
   * cuts its last param to fit. Default 512. A decoder's `maxFrameBytes`
   * overrides it for that decoder.
   */
  readonly maxLineBytes?: number;
  /**
   * Largest tag section, counting its `@` and the space after it. Default 8191.
   * A longer one is a fatal TAGS_TOO_LONG when decoding and an Error when encoding.
   */
  readonly maxTagBytes?: number;
}

/**
 * The IRC message codec (RFC 1459/2812 + IRCv3 message tags). Symmetric: a
 * server and a client both decode and encode IrcMessage. All strings are latin1
 * byte strings (see IrcMessage); `encode` returns a Buffer.
 */
export function ircCodec(options: IrcCodecOptions = {}): Codec<IrcMessage, IrcMessage> {
  const limits: IrcLineLimits = {
    maxLineBytes: checkedLimit('maxLineBytes', options.maxLineBytes ?? IRC_MAX_LINE_BYTES, 3),
    maxTagBytes: checkedLimit('maxTagBytes', options.maxTagBytes ?? IRC_MAX_TAG_BYTES, 1),
  };
  return {
    name: 'irc',
    createDecoder(decoderLimits?: DecoderLimits) {
      const maxFrameBytes = decoderLimits?.maxFrameBytes;
      return new IrcMessageDecoder(
        maxFrameBytes === undefined
          ? limits
          : { ...limits, maxLineBytes: checkedLimit('maxFrameBytes', maxFrameBytes, 3) },
      );
    },
    encode(message: IrcMessage) {
      return encodeIrcMessage(message, limits);
    },
  };
}

/** `minimum` 3 for a line: one command letter and the CRLF. */
function checkedLimit(name: string, value: number, minimum: number): number {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`IRC ${name} must be an integer of at least ${minimum}, got ${value}`);
  }
  return value;
}
