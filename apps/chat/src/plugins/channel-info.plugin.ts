import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import {
  ERR_CHANOPRIVSNEEDED,
  ERR_NEEDMOREPARAMS,
  ERR_NOSUCHCHANNEL,
  ERR_NOTONCHANNEL,
  RPL_ENDOFNAMES,
  RPL_LIST,
  RPL_LISTEND,
  RPL_LISTSTART,
  type IrcMessage,
} from '@weir/codecs';
import { CHANNEL_DIRECTORY, type ChannelDirectory } from '../directory/channel-directory';
import { DELIVERY, type Delivery } from '../directory/delivery';
import type { Channel } from '../model/channel';
import { ChatUser } from '../model/chat-user';
import { ChannelViews } from '../protocol/channel-views';
import { ServerReplies } from '../protocol/server-replies';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';

type Context = MessageContext<IrcMessage, IrcMessage>;

/** TOPIC, NAMES and LIST: what a channel is about and who is on it. */
@Plugin({ name: 'channel-info' })
export class ChannelInfoPlugin {
  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    @inject(CHANNEL_DIRECTORY) private readonly directory: ChannelDirectory,
    @inject(DELIVERY) private readonly delivery: Delivery,
    private readonly replies: ServerReplies,
    private readonly views: ChannelViews,
  ) {}

  @Handle('TOPIC')
  topic(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const [name, text] = message.params;
    if (name === undefined || name === '') return this.replies.numeric(user, ERR_NEEDMOREPARAMS, 'TOPIC', 'Not enough parameters');
    const channel = this.directory.findChannel(name);
    if (!channel) return this.replies.numeric(user, ERR_NOSUCHCHANNEL, ServerReplies.echo(name), 'No such channel');
    if (text === undefined) {
      if (!this.views.visibleTo(channel, user)) return this.notOnChannel(user, channel);
      for (const reply of this.views.topic(channel, user, true)) context.reply(reply);
      return;
    }
    if (!channel.has(user)) return this.notOnChannel(user, channel);
    if (channel.flags.has('t') && !channel.isOp(user)) {
      return this.replies.numeric(user, ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
    }
    const topic = text.slice(0, this.settings.topicLen);
    channel.topic = topic === '' ? undefined : { text: topic, setBy: user.nick, setAt: Math.floor(Date.now() / 1000) };
    const line = this.delivery.encode(this.replies.fromUser(user, 'TOPIC', channel.name, topic));
    context.reply(line);
    this.delivery.toChannel(channel, line, user);
  }

  @Handle('NAMES')
  names(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const list = message.params[0];
    // Without a channel, modern servers answer with an empty list rather than the whole network.
    if (list === undefined || list === '') return this.replies.numeric(user, RPL_ENDOFNAMES, '*', 'End of /NAMES list');
    for (const name of list.split(',')) {
      const channel = this.directory.findChannel(name);
      if (channel) for (const reply of this.views.names(channel, user)) context.reply(reply);
      else context.reply(this.replies.numeric(user, RPL_ENDOFNAMES, ServerReplies.echo(name), 'End of /NAMES list'));
    }
  }

  @Handle('LIST')
  list(message: IrcMessage, context: Context): void {
    const user = context.get(ChatUser);
    const list = message.params[0];
    const channels: Iterable<Channel> =
      list === undefined || list === ''
        ? this.directory.channels()
        : list.split(',').flatMap((name) => this.directory.findChannel(name) ?? []);
    context.reply(this.replies.numeric(user, RPL_LISTSTART, 'Channel', 'Users  Name'));
    for (const channel of channels) {
      if (!this.views.visibleTo(channel, user)) continue;
      context.reply(this.replies.numeric(user, RPL_LIST, channel.name, String(channel.members.size), channel.topic?.text ?? ''));
    }
    context.reply(this.replies.numeric(user, RPL_LISTEND, 'End of /LIST'));
  }

  private notOnChannel(user: ChatUser, channel: Channel): IrcMessage {
    return this.replies.numeric(user, ERR_NOTONCHANNEL, channel.name, "You're not on that channel");
  }
}
