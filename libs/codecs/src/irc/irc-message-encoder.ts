import { Buffer } from 'node:buffer';
import { IRC_MAX_PARAMS } from './irc-line-parser';
import type { IrcLineLimits } from './irc-message-decoder';
import type { IrcMessage } from './irc-message';
import { escapeTagValue } from './tag-value-escaping';

const COLON = 0x3a;

// One native scan of the finished line for what no field may hold: NUL, CR and
// LF would end or corrupt the line (CR/LF in a param is command injection), and
// a char above U+00FF is not a byte, so the field was never a latin1 string.
const FORBIDDEN_CHAR = /[\0\r\n\u0100-\uffff]/;

/**
 * Writes `[@tags ][:prefix ]COMMAND params\r\n` as a Buffer holding the
 * message's latin1 strings byte for byte. (A Buffer, not a string: Encoded
 * strings go to the socket as UTF-8, which would re-encode bytes ≥ 0x80.)
 *
 * The last param is written as trailing (`:text`) only when it has to be: when
 * it is empty, contains a space or starts with `:`.
 *
 * The part after the tags never passes maxLineBytes with its CRLF: a longer
 * message loses the end of its last param, cut byte-wise but never inside a
 * UTF-8 sequence (a cut param is then written as trailing if it needs it).
 *
 * Throws a plain Error, since these are bugs in the caller, not the peer: a
 * command that is not letters or 3 digits, an empty or spaced prefix, more than
 * 15 params, a middle param that is empty, has a space or starts with `:`, a tag
 * key that is empty or holds `=`, `;` or a space, a tag section over
 * maxTagBytes, NUL or a char above U+00FF anywhere, CR or LF anywhere but in a
 * tag value (those are escaped), or a message that would not fit even with its
 * last param cut to nothing.
 */
export function encodeIrcMessage(message: IrcMessage, limits: IrcLineLimits): Buffer {
  const { command, params, prefix, tags } = message;
  if (!isCommand(command)) {
    throw new Error(`IRC command ${JSON.stringify(command)} is not letters or a 3-digit numeric`);
  }
  if (params.length > IRC_MAX_PARAMS) {
    throw new Error(`IRC ${command} has ${params.length} params; at most ${IRC_MAX_PARAMS} fit in a message`);
  }
  let head = command;
  if (prefix !== undefined) {
    if (prefix === '' || prefix.indexOf(' ') !== -1) {
      throw new Error(`IRC prefix ${JSON.stringify(prefix)} must be non-empty and without spaces`);
    }
    head = `:${prefix} ${command}`;
  }
  const last = params.length - 1;
  for (let i = 0; i < last; i++) {
    const param = params[i];
    if (param === '' || param.charCodeAt(0) === COLON || param.indexOf(' ') !== -1) {
      throw new Error(
        `IRC ${command} param ${i} (${JSON.stringify(param)}) is not the last, ` +
          `so it cannot be empty, contain a space or start with ':'`,
      );
    }
    head += ' ' + param;
  }

  const body = last === -1 ? fitWithoutParams(head, limits) : fitLastParam(head, params[last], limits);
  const line = tags === undefined ? body : tagSection(tags, limits.maxTagBytes) + body;
  if (FORBIDDEN_CHAR.test(line)) {
    throw new Error(`IRC ${command} has NUL, CR, LF or a char above U+00FF in a field (strings must be latin1)`);
  }
  return Buffer.from(line + '\r\n', 'latin1');
}

function fitWithoutParams(head: string, limits: IrcLineLimits): string {
  if (head.length > limits.maxLineBytes - 2) throw tooLongWithoutLastParam(limits);
  return head;
}

/** `head` plus the last param, cut to fit maxLineBytes with the CRLF. */
function fitLastParam(head: string, param: string, limits: IrcLineLimits): string {
  const maxBody = limits.maxLineBytes - 2;
  const trailing = param === '' || param.charCodeAt(0) === COLON || param.indexOf(' ') !== -1;
  const separator = trailing ? ' :' : ' ';
  const room = maxBody - head.length - separator.length;
  if (param.length <= room) return head + separator + param;
  if (room < 0) throw tooLongWithoutLastParam(limits);

  const cut = utf8SafeCut(param, room);
  // A middle-form param cut to nothing needs the `:` form, one byte more.
  if (cut > 0 || trailing) return head + separator + param.slice(0, cut);
  if (maxBody - head.length >= 2) return head + ' :';
  throw tooLongWithoutLastParam(limits);
}

/**
 * `room` (or 0 if negative), moved back to the start of a UTF-8 sequence the cut
 * would split. Bytes that are not well-formed UTF-8 are cut exactly at `room`.
 */
function utf8SafeCut(param: string, room: number): number {
  if (room <= 0) return 0;
  if (!isContinuationByte(param.charCodeAt(room))) return room;
  for (let lead = room - 1; lead >= 0 && lead >= room - 3; lead--) {
    const code = param.charCodeAt(lead);
    if (isContinuationByte(code)) continue;
    return lead + utf8SequenceLength(code) > room ? lead : room;
  }
  return room;
}

function isContinuationByte(code: number): boolean {
  return code >= 0x80 && code <= 0xbf;
}

/** The length a UTF-8 lead byte announces; 1 for bytes that lead no sequence. */
function utf8SequenceLength(lead: number): number {
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 1;
}

function tagSection(tags: Readonly<Record<string, string>>, maxTagBytes: number): string {
  let section = '';
  for (const key of Object.keys(tags)) {
    if (key === '' || key.indexOf('=') !== -1 || key.indexOf(';') !== -1 || key.indexOf(' ') !== -1) {
      throw new Error(`IRC tag key ${JSON.stringify(key)} must be non-empty, without '=', ';' or spaces`);
    }
    const value = tags[key];
    section += (section === '' ? '@' : ';') + key + (value === '' ? '' : '=' + escapeTagValue(value));
  }
  if (section === '') return '';
  section += ' ';
  if (section.length > maxTagBytes) {
    throw new Error(`IRC tag section of ${section.length} bytes passes the ${maxTagBytes}-byte limit`);
  }
  return section;
}

function isCommand(command: string): boolean {
  const length = command.length;
  if (length === 0) return false;
  let digits = 0;
  let letters = 0;
  for (let i = 0; i < length; i++) {
    const code = command.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) digits++;
    else if ((code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)) letters++;
    else return false;
  }
  return letters === length || (digits === 3 && length === 3);
}

function tooLongWithoutLastParam(limits: IrcLineLimits): Error {
  return new Error(`IRC message does not fit in ${limits.maxLineBytes} bytes even with its last param cut away`);
}
