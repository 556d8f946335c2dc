import type { ChatSettings } from '../settings/chat-settings';
import { CASEMAPPING } from '../model/irc-names';

/** RPL_ISUPPORT tokens: what this server's limits and modes are, for clients to obey. */
export function isupportTokens(settings: ChatSettings): string[] {
  return [
    'AWAYLEN=' + settings.topicLen,
    'CASEMAPPING=' + CASEMAPPING,
    'CHANLIMIT=#:' + settings.maxChannels,
    'CHANMODES=b,k,l,imnst',
    'CHANNELLEN=' + settings.channelLen,
    'CHANTYPES=#',
    'KICKLEN=' + settings.topicLen,
    'MAXLIST=b:' + settings.maxBans,
    'MODES=' + settings.modesPerCommand,
    'NETWORK=' + settings.network,
    'NICKLEN=' + settings.nickLen,
    'PREFIX=(ov)@+',
    'TOPICLEN=' + settings.topicLen,
  ];
}

/** At most 13 tokens fit one 005 line (15 params less the nick and the trailing text). */
export function isupportLines(tokens: readonly string[], perLine = 13): string[][] {
  const lines: string[][] = [];
  for (let i = 0; i < tokens.length; i += perLine) lines.push(tokens.slice(i, i + perLine));
  return lines;
}
