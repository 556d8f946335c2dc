/**
 * One IRC protocol message (RFC 1459/2812 plus IRCv3 message tags).
 *
 * **Every string in it is a latin1 ("binary") string: one char per byte, never
 * decoded text.** IRC is a byte protocol and clients send whatever encoding they
 * like (mostly UTF-8, sometimes not); a server must relay those bytes untouched.
 * So the decoder maps each byte 0x00–0xFF to the char with that code, the encoder
 * maps each char back to its byte, and `s.length` is the byte length on the wire.
 *
 * Consequences for callers:
 * - To put human text into a message, convert it first: `toIrcString('héllo')`
 *   (its UTF-8 bytes as a latin1 string). A JS literal with a char above U+00FF
 *   makes `encode` throw; one between U+0080 and U+00FF is written as that single
 *   byte, which is latin1, not UTF-8.
 * - To show or validate a param as text, use `fromIrcString(param)`.
 * - Comparing, hashing and slicing stay byte-exact, which is what IRC wants
 *   (see `foldCase` for case-insensitive names).
 */
export interface IrcMessage {
  /** IRCv3 tags, already unescaped; a tag sent without a value maps to `''`. */
  readonly tags?: Readonly<Record<string, string>>;
  /** The source, without its leading `:` (a server name or `nick!user@host`). */
  readonly prefix?: string;
  /** A verb in upper case (`PRIVMSG`) or a 3-digit numeric (`001`). */
  readonly command: string;
  /** At most 15; only the last may be empty, contain spaces or start with `:`. */
  readonly params: readonly string[];
}

/** Builds an IrcMessage, leaving out the fields that are not given. */
export function ircMessage(
  command: string,
  params: readonly string[] = [],
  prefix?: string,
  tags?: Readonly<Record<string, string>>,
): IrcMessage {
  if (tags !== undefined) {
    return prefix === undefined ? { tags, command, params } : { tags, prefix, command, params };
  }
  return prefix === undefined ? { command, params } : { prefix, command, params };
}
