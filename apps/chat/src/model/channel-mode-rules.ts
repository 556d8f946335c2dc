import type { ModeChange } from '../protocol/mode-string';
import type { Channel, ChannelFlag } from './channel';
import type { ChatUser } from './chat-user';
import { ircLower } from './irc-names';
import { normaliseBanMask } from './wildcard-mask';

/** What applying one change did: a change to echo, a complaint to send (as a numeric), or nothing. */
export type ModeResult =
  | { readonly kind: 'applied'; readonly change: ModeChange }
  | { readonly kind: 'unknown-mode' }
  | { readonly kind: 'invalid-param'; readonly description: string }
  | { readonly kind: 'no-such-nick' }
  | { readonly kind: 'not-on-channel'; readonly nick: string }
  | { readonly kind: 'list-full' }
  | { readonly kind: 'unchanged' };

const FLAGS = new Set<string>(['i', 'm', 'n', 's', 't']);
const MAX_KEY_LENGTH = 23;

/** Whether a change alters the channel, and so needs an operator (a bare `b` only lists bans). */
export function needsOperator(change: ModeChange): boolean {
  return !(change.letter === 'b' && change.param === undefined);
}

/**
 * Applies one channel mode change by the rules of CHANMODES=b,k,l,imnst and
 * PREFIX=(ov)@+. The caller has checked the setter is an operator.
 */
export function applyChannelMode(
  channel: Channel,
  setter: ChatUser,
  change: ModeChange,
  findUser: (nick: string) => ChatUser | undefined,
  maxBans: number,
): ModeResult {
  const { adding, letter, param } = change;
  if (FLAGS.has(letter)) {
    const flag = letter as ChannelFlag;
    if (channel.flags.has(flag) === adding) return { kind: 'unchanged' };
    if (adding) channel.flags.add(flag);
    else channel.flags.delete(flag);
    return { kind: 'applied', change: { adding, letter } };
  }
  switch (letter) {
    case 'o':
    case 'v': {
      const target = findUser(param ?? '');
      if (!target) return { kind: 'no-such-nick' };
      const membership = channel.members.get(target);
      if (!membership) return { kind: 'not-on-channel', nick: target.nick };
      const field = letter === 'o' ? 'op' : 'voice';
      if (membership[field] === adding) return { kind: 'unchanged' };
      membership[field] = adding;
      return { kind: 'applied', change: { adding, letter, param: target.nick } };
    }
    case 'k':
      if (!adding) {
        const old = channel.key;
        if (old === undefined) return { kind: 'unchanged' };
        channel.key = undefined;
        return { kind: 'applied', change: { adding, letter, param: old } };
      }
      // A key goes in JOIN's comma-separated key list, so no commas, spaces or leading colon.
      if (param === undefined || param === '' || param.length > MAX_KEY_LENGTH || /[\s,]/.test(param) || param.startsWith(':')) {
        return { kind: 'invalid-param', description: 'Invalid key' };
      }
      channel.key = param;
      return { kind: 'applied', change: { adding, letter, param } };
    case 'l': {
      if (!adding) {
        if (channel.limit === undefined) return { kind: 'unchanged' };
        channel.limit = undefined;
        return { kind: 'applied', change: { adding, letter } };
      }
      const limit = /^[0-9]{1,9}$/.test(param ?? '') ? Number(param) : 0;
      if (limit <= 0) return { kind: 'invalid-param', description: 'Invalid limit' };
      channel.limit = limit;
      return { kind: 'applied', change: { adding, letter, param: String(limit) } };
    }
    case 'b': {
      if (param === undefined || param === '' || param.startsWith(':') || param.includes(' ')) {
        return { kind: 'invalid-param', description: 'Invalid ban mask' };
      }
      const mask = normaliseBanMask(param);
      const key = ircLower(mask);
      const index = channel.bans.findIndex((ban) => ircLower(ban.mask) === key);
      if (adding) {
        if (index !== -1) return { kind: 'unchanged' };
        if (channel.bans.length >= maxBans) return { kind: 'list-full' };
        channel.bans.push({ mask, setBy: setter.nick, setAt: Math.floor(Date.now() / 1000) });
      } else {
        if (index === -1) return { kind: 'unchanged' };
        const [removed] = channel.bans.splice(index, 1);
        return { kind: 'applied', change: { adding, letter, param: removed.mask } };
      }
      return { kind: 'applied', change: { adding, letter, param: mask } };
    }
    default:
      return { kind: 'unknown-mode' };
  }
}
