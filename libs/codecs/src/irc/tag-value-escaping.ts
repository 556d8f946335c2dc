// IRCv3 message-tags escaping. A tag value on the wire cannot hold `;` (the tag
// separator), space (the section end), CR or LF (the line end), so those and the
// escape char itself travel as two-char sequences.

const BACKSLASH = 0x5c;
const SEMICOLON = 0x3b;
const SPACE = 0x20;
const CR = 0x0d;
const LF = 0x0a;

/** Undoes the wire escaping of one tag value. */
export function unescapeTagValue(raw: string): string {
  let slash = raw.indexOf('\\');
  // Most values carry no escapes: hand back the same string, no copy.
  if (slash === -1) return raw;
  let out = '';
  let from = 0;
  while (slash !== -1) {
    out += raw.slice(from, slash);
    if (slash + 1 === raw.length) {
      // The spec drops a lone trailing backslash rather than failing the message.
      return out;
    }
    out += unescapedChar(raw.charAt(slash + 1));
    from = slash + 2;
    slash = raw.indexOf('\\', from);
  }
  return out + raw.slice(from);
}

function unescapedChar(escaped: string): string {
  switch (escaped) {
    case ':':
      return ';';
    case 's':
      return ' ';
    case 'r':
      return '\r';
    case 'n':
      return '\n';
    default:
      // `\\` gives `\`; an unknown escape keeps its char and loses the backslash.
      return escaped;
  }
}

/** Escapes one tag value for the wire. */
export function escapeTagValue(value: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < value.length; i++) {
    const escaped = escapeSequence(value.charCodeAt(i));
    if (escaped !== undefined) {
      out += value.slice(from, i) + escaped;
      from = i + 1;
    }
  }
  return from === 0 ? value : out + value.slice(from);
}

function escapeSequence(code: number): string | undefined {
  switch (code) {
    case SEMICOLON:
      return '\\:';
    case SPACE:
      return '\\s';
    case BACKSLASH:
      return '\\\\';
    case CR:
      return '\\r';
    case LF:
      return '\\n';
    default:
      return undefined;
  }
}
