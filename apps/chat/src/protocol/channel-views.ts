import { inject, injectable } from 'tsyringe';
import { RPL_ENDOFNAMES, RPL_NAMREPLY, RPL_NOTOPIC, RPL_TOPIC, RPL_TOPICWHOTIME, type IrcMessage } from '@weir/codecs';
import type { Channel } from '../model/channel';
import type { ChatUser } from '../model/chat-user';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';
import { ServerReplies } from './server-replies';

/** Room for the line ending; the encoder would cut a longer line, and a cut NAMES line loses nicks. */
const MAX_LINE = 510;

/** How a channel looks to one user: its NAMES and its topic, as JOIN, NAMES and TOPIC send them. */
@injectable()
export class ChannelViews {
  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    private readonly replies: ServerReplies,
  ) {}

  /** Whether `viewer` may see the channel in LIST, NAMES and WHOIS: not secret, or a member. */
  visibleTo(channel: Channel, viewer: ChatUser): boolean {
    return !channel.isSecret || channel.has(viewer);
  }

  /** RPL_NAMREPLY lines (as many as the 512-byte limit needs) and RPL_ENDOFNAMES. */
  names(channel: Channel, viewer: ChatUser): IrcMessage[] {
    const end = this.replies.numeric(viewer, RPL_ENDOFNAMES, channel.name, 'End of /NAMES list');
    if (!this.visibleTo(channel, viewer)) return [end];
    const member = channel.has(viewer);
    const allPrefixes = viewer.caps.has('multi-prefix');
    const withHost = viewer.caps.has('userhost-in-names');
    const symbol = channel.isSecret ? '@' : '=';
    // `:server 353 nick = #chan :` and the names must stay within one line.
    const room = MAX_LINE - (this.settings.serverName.length + viewer.nick.length + channel.name.length + 12);
    const lines: IrcMessage[] = [];
    let chunk = '';
    for (const user of channel.members.keys()) {
      // Invisible users show only to those sharing the channel.
      if (!member && user.invisible) continue;
      const entry = channel.prefixOf(user, allPrefixes) + (withHost ? user.mask : user.nick);
      if (chunk !== '' && chunk.length + 1 + entry.length > room) {
        lines.push(this.replies.numeric(viewer, RPL_NAMREPLY, symbol, channel.name, chunk));
        chunk = '';
      }
      chunk = chunk === '' ? entry : `${chunk} ${entry}`;
    }
    if (chunk !== '') lines.push(this.replies.numeric(viewer, RPL_NAMREPLY, symbol, channel.name, chunk));
    lines.push(end);
    return lines;
  }

  /** RPL_TOPIC and RPL_TOPICWHOTIME, or RPL_NOTOPIC when `orNoTopic` (JOIN sends nothing for no topic). */
  topic(channel: Channel, viewer: ChatUser, orNoTopic: boolean): IrcMessage[] {
    const topic = channel.topic;
    if (!topic) return orNoTopic ? [this.replies.numeric(viewer, RPL_NOTOPIC, channel.name, 'No topic is set')] : [];
    return [
      this.replies.numeric(viewer, RPL_TOPIC, channel.name, topic.text),
      this.replies.numeric(viewer, RPL_TOPICWHOTIME, channel.name, topic.setBy, String(topic.setAt)),
    ];
  }
}
