import { ProtocolError } from '../protocol-error';
import type { IrcMessage } from './irc-message';
import { ircMessage } from './irc-message';
import { unescapeTagValue } from './tag-value-escaping';

const SPACE = 0x20;
const COLON = 0x3a;
const AT = 0x40;

// Tag records come from `new TagRecord()`: V8 gives objects made this way a
// fast shared layout, where Object.create(null) ones stay in slow dictionary
// mode (10x slower to fill). The prototype is itself prototype-less, so no tag
// name (`__proto__`, `constructor`, `toString`) meets an inherited member.
function TagRecord(): void {
  // Nothing to set up: tags are added one by one as they are parsed.
}
TagRecord.prototype = Object.create(null);
const newTagRecord = () => new (TagRecord as unknown as new () => Record<string, string>)();

/** RFC 2812: at most 15 params; the 15th takes the rest of the line, `:` or not. */
export const IRC_MAX_PARAMS = 15;

/**
 * Parses one IRC line, given as a latin1 string without its CRLF / LF.
 * Returns `undefined` for a line with nothing on it (RFC 1459 says to ignore
 * those silently) and a non-fatal MALFORMED ProtocolError for a line that has
 * no valid command. Length limits are the framing's business, not checked here.
 */
export function parseIrcLine(line: string): IrcMessage | ProtocolError | undefined {
  // NUL is forbidden by the RFCs, and a CR inside a line ends the message for
  // peers that accept a bare CR as a terminator: relaying it would let one
  // client inject commands into another's stream. Refusing both here also means
  // every decoded message can be encoded again.
  if (line.indexOf('\r') !== -1 || line.indexOf('\0') !== -1) {
    return malformed('a line may not contain NUL or CR');
  }
  const length = line.length;
  let pos = 0;

  let tags: Record<string, string> | undefined;
  const hasTags = line.charCodeAt(0) === AT;
  if (hasTags) {
    const tagsEnd = line.indexOf(' ');
    if (tagsEnd === -1) return malformed('tags with no command after them');
    tags = parseTags(line.slice(1, tagsEnd));
    pos = tagsEnd + 1;
  }

  pos = skipSpaces(line, pos);
  if (pos === length) {
    return hasTags ? malformed('tags with no command after them') : undefined;
  }

  let prefix: string | undefined;
  if (line.charCodeAt(pos) === COLON) {
    const prefixEnd = line.indexOf(' ', pos);
    if (prefixEnd === -1) return malformed('a prefix with no command after it');
    if (prefixEnd === pos + 1) return malformed('an empty prefix');
    prefix = line.slice(pos + 1, prefixEnd);
    pos = skipSpaces(line, prefixEnd);
    if (pos === length) return malformed('a prefix with no command after it');
  }

  let commandEnd = line.indexOf(' ', pos);
  if (commandEnd === -1) commandEnd = length;
  const command = normaliseCommand(line.slice(pos, commandEnd));
  if (command === undefined) return malformed('a command must be letters or a 3-digit numeric');

  return ircMessage(command, parseParams(line, commandEnd), prefix, tags);
}

function parseParams(line: string, from: number): string[] {
  const params: string[] = [];
  const length = line.length;
  let pos = skipSpaces(line, from);
  while (pos < length) {
    const isTrailing = line.charCodeAt(pos) === COLON;
    if (isTrailing || params.length === IRC_MAX_PARAMS - 1) {
      params.push(line.slice(isTrailing ? pos + 1 : pos));
      break;
    }
    let end = line.indexOf(' ', pos);
    if (end === -1) end = length;
    params.push(line.slice(pos, end));
    pos = skipSpaces(line, end);
  }
  return params;
}

/**
 * `raw` is the tag section without its `@` and the space after it. Undefined
 * when it holds no tag, so a message has `tags` only if it has some.
 */
function parseTags(raw: string): Record<string, string> | undefined {
  let tags: Record<string, string> | undefined;
  let from = 0;
  while (from <= raw.length) {
    let end = raw.indexOf(';', from);
    if (end === -1) end = raw.length;
    // Slicing the entry first keeps the `=` search inside it: searching the
    // whole section for each tag would be quadratic in a hostile tag list.
    const entry = raw.slice(from, end);
    const equals = entry.indexOf('=');
    const key = equals === -1 ? entry : entry.slice(0, equals);
    // Empty entries (`@a;;b`, a trailing `;`) carry nothing; skip rather than fail.
    if (key !== '') {
      tags ??= newTagRecord();
      tags[key] = equals === -1 ? '' : unescapeTagValue(entry.slice(equals + 1));
    }
    from = end + 1;
  }
  return tags;
}

/** The command in upper case, or undefined when it is neither letters nor 3 digits. */
function normaliseCommand(token: string): string | undefined {
  const isNumeric =
    token.length === 3 && isDigit(token.charCodeAt(0)) && isDigit(token.charCodeAt(1)) && isDigit(token.charCodeAt(2));
  if (isNumeric) return token;
  let hasLowerCase = false;
  for (let i = 0; i < token.length; i++) {
    const code = token.charCodeAt(i);
    if (code >= 0x61 && code <= 0x7a) hasLowerCase = true;
    else if (code < 0x41 || code > 0x5a) return undefined;
  }
  if (token.length === 0) return undefined;
  return hasLowerCase ? token.toUpperCase() : token;
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function skipSpaces(line: string, from: number): number {
  let pos = from;
  while (line.charCodeAt(pos) === SPACE) pos++;
  return pos;
}

function malformed(reason: string): ProtocolError {
  return new ProtocolError(`malformed IRC message: ${reason}`, 'MALFORMED', false);
}
