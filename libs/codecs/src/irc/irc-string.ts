import { Buffer } from 'node:buffer';
/**
 * Text as an IrcMessage field expects it: the UTF-8 bytes of `text`, one char
 * per byte (see IrcMessage). Use it for every human-readable param a server or
 * client writes itself.
 */
export function toIrcString(text: string): string {
  return Buffer.from(text, 'utf8').toString('latin1');
}

/**
 * A field of a decoded IrcMessage read as UTF-8 text, for display or validation.
 * Bytes that are not valid UTF-8 become U+FFFD, so keep the raw field for relaying.
 */
export function fromIrcString(raw: string): string {
  return Buffer.from(raw, 'latin1').toString('utf8');
}
