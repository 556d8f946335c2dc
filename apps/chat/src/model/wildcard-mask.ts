import { ircLower } from './irc-names';

const cache = new Map<string, RegExp>();
const CACHE_LIMIT = 1000;

/**
 * Whether `subject` (a nick or `nick!user@host`) matches `mask`, where `*` is any
 * run of bytes and `?` one byte, compared under the server's case mapping.
 */
export function matchesMask(mask: string, subject: string): boolean {
  const key = ircLower(mask);
  let pattern = cache.get(key);
  if (!pattern) {
    const source = key.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
    pattern = new RegExp(`^${source}$`, 's');
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, pattern);
  }
  return pattern.test(ircLower(subject));
}

/** `nick` → `nick!*@*`, `user@host` → `*!user@host`, `nick!user` → `nick!user@*`: what ircds store for +b. */
export function normaliseBanMask(mask: string): string {
  const bang = mask.indexOf('!');
  const at = mask.indexOf('@');
  if (bang === -1 && at === -1) return `${mask}!*@*`;
  if (bang === -1) return `*!${mask}`;
  if (at === -1) return `${mask}@*`;
  return mask;
}
