import { foldCase, type CaseMapping } from '@weir/codecs';

/** Advertised in 005 and used for every nick and channel comparison. */
export const CASEMAPPING: CaseMapping = 'rfc1459';

/** The key a nick or channel name is stored and compared under: `[]\~` fold to `{}|^`. */
export function ircLower(name: string): string {
  return foldCase(name, CASEMAPPING);
}

// RFC 2812 2.3.1: nickname = ( letter / special ) *( letter / digit / special / "-" ),
// special = "[", "]", "\", "`", "_", "^", "{", "|", "}".
const NICK = /^[A-Za-z[\]\\`_^{|}][A-Za-z0-9[\]\\`_^{|}-]*$/;

export function isValidNick(nick: string, maxLength: number): boolean {
  return nick.length > 0 && nick.length <= maxLength && NICK.test(nick);
}

/** CHANTYPES=#: only network-wide `#` channels exist here. */
export function isChannelName(target: string): boolean {
  return target.charCodeAt(0) === 0x23;
}

// RFC 2812 2.3.1: a channel name may hold any byte but NUL, BEL, CR, LF, space, comma and colon.
const CHANNEL_FORBIDDEN = new Set([0x00, 0x07, 0x0a, 0x0d, 0x20, 0x2c, 0x3a]);

export function isValidChannelName(name: string, maxLength: number): boolean {
  if (!isChannelName(name) || name.length < 2 || name.length > maxLength) return false;
  for (let i = 1; i < name.length; i++) if (CHANNEL_FORBIDDEN.has(name.charCodeAt(i))) return false;
  return true;
}

/** A host as it may appear in a prefix: IPv4-mapped IPv6 shown as IPv4, and never a leading `:`. */
export function displayHost(remoteAddress: string): string {
  const host = remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
  if (host === '') return 'unknown';
  return host.startsWith(':') ? `0${host}` : host;
}
