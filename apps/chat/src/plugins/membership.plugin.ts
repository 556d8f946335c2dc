import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import {
  ERR_BADCHANMASK,
  ERR_BADCHANNELKEY,
  ERR_BANNEDFROMCHAN,
  ERR_CHANNELISFULL,
  ERR_CHANOPRIVSNEEDED,
  ERR_INVITEONLYCHAN,
  ERR_NEEDMOREPARAMS,
  ERR_NOSUCHCHANNEL,
  ERR_NOSUCHNICK,
  ERR_NOTONCHANNEL,
  ERR_TOOMANYCHANNELS,
  ERR_USERNOTINCHANNEL,
  ERR_USERONCHANNEL,
  RPL_AWAY,
  RPL_INVITING,
  ircMessage,
  type IrcMessage,
} from '@weir/codecs';
import { CHANNEL_DIRECTORY, type ChannelDirectory } from '../directory/channel-directory';
import { DELIVERY, type Delivery } from '../directory/delivery';
import type { Channel } from '../model/channel';
import { ChatUser } from '../model/chat-user';
import { ircLower, isValidChannelName } from '../model/irc-names';
import { ChannelViews } from '../protocol/channel-views';
import { ServerReplies } from '../protocol/server-replies';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';

type Context = MessageContext<IrcMessage, IrcMessage>;

/** JOIN, PART, KICK and INVITE: who is on a channel. The first to join is its operator; the last to leave ends it. */
@Plugin({ name: 'membership' })
export class MembershipPlugin {
  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    @inject(CHANNEL_DIRECTORY) private readonly directory: ChannelDirectory,
    @inject(DELIVERY) private readonly delivery: Delivery,
    private readonly replies: ServerReplies,
    private readonly views: ChannelViews,
  ) {}

  @Handle('JOIN')
  join(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const [names, keys] = message.params;
    if (names === undefined || names === '') return this.needMoreParams(user, 'JOIN');
    if (names === '0') {
      for (const channel of [...user.channels]) this.remove(user, channel, 'PART', context, [channel.name]);
      return;
    }
    const keyList = keys === undefined ? [] : keys.split(',');
    names.split(',').forEach((name, i) => this.joinOne(user, name, keyList[i], context));
  }

  @Handle('PART')
  part(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const [names, reason] = message.params;
    if (names === undefined || names === '') return this.needMoreParams(user, 'PART');
    for (const name of names.split(',')) {
      const channel = this.memberChannel(user, name, context);
      if (channel) this.remove(user, channel, 'PART', context, reason === undefined ? [channel.name] : [channel.name, reason]);
    }
  }

  @Handle('KICK')
  kick(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const [name, nicks, comment] = message.params;
    if (message.params.length < 2) return this.needMoreParams(user, 'KICK');
    const channel = this.memberChannel(user, name, context);
    if (!channel) return;
    if (!channel.isOp(user)) return this.replies.numeric(user, ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
    const text = (comment || user.nick).slice(0, this.settings.topicLen);
    for (const nick of nicks.split(',')) {
      const target = this.directory.findUser(nick);
      if (!target || !channel.has(target)) {
        context.reply(this.replies.numeric(user, ERR_USERNOTINCHANNEL, ServerReplies.echo(nick), channel.name, "They aren't on that channel"));
        continue;
      }
      const line = this.delivery.encode(this.replies.fromUser(user, 'KICK', channel.name, target.nick, text));
      context.reply(line);
      this.delivery.toChannel(channel, line, user);
      this.detach(target, channel);
    }
  }

  @Handle('INVITE')
  invite(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const [nick, name] = message.params;
    if (message.params.length < 2) return this.needMoreParams(user, 'INVITE');
    const target = this.directory.findUser(nick);
    if (!target || !target.registered) return this.replies.numeric(user, ERR_NOSUCHNICK, ServerReplies.echo(nick), 'No such nick/channel');
    const channel = this.memberChannel(user, name, context);
    if (!channel) return;
    if (channel.flags.has('i') && !channel.isOp(user)) {
      return this.replies.numeric(user, ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
    }
    if (channel.has(target)) return this.replies.numeric(user, ERR_USERONCHANNEL, target.nick, channel.name, 'is already on channel');
    channel.invited.add(ircLower(target.nick));
    context.reply(this.replies.numeric(user, RPL_INVITING, target.nick, channel.name));
    if (target.away !== undefined) context.reply(this.replies.numeric(user, RPL_AWAY, target.nick, target.away));
    this.delivery.toUser(target, this.delivery.encode(this.replies.fromUser(user, 'INVITE', target.nick, channel.name)));
  }

  private joinOne(user: ChatUser, name: string, key: string | undefined, context: Context): void {
    if (!isValidChannelName(name, this.settings.channelLen)) {
      // The docs give ERR_BADCHANMASK without the client's nick first.
      context.reply(ircMessage(ERR_BADCHANMASK, [ServerReplies.echo(name), 'Bad Channel Mask'], this.replies.serverName));
      return;
    }
    const existing = this.directory.findChannel(name);
    if (existing?.has(user)) return;
    if (user.channels.size >= this.settings.maxChannels) {
      context.reply(this.replies.numeric(user, ERR_TOOMANYCHANNELS, name, 'You have joined too many channels'));
      return;
    }
    const refusal = existing && this.refusal(existing, user, key);
    if (refusal) {
      context.reply(refusal);
      return;
    }
    const { channel, created } = this.directory.openChannel(name);
    channel.members.set(user, { op: created, voice: false });
    channel.invited.delete(ircLower(user.nick));
    user.joined(channel);
    const line = this.delivery.encode(this.replies.fromUser(user, 'JOIN', channel.name));
    context.reply(line);
    this.delivery.toChannel(channel, line, user);
    for (const reply of this.views.topic(channel, user, false)) context.reply(reply);
    for (const reply of this.views.names(channel, user)) context.reply(reply);
  }

  /** Why `user` may not join: a ban, +i without an invite, a wrong key, a full channel. */
  private refusal(channel: Channel, user: ChatUser, key: string | undefined): IrcMessage | undefined {
    const invited = channel.invited.has(ircLower(user.nick));
    if (channel.isBanned(user) && !invited) return this.replies.numeric(user, ERR_BANNEDFROMCHAN, channel.name, 'Cannot join channel (+b)');
    if (channel.flags.has('i') && !invited) return this.replies.numeric(user, ERR_INVITEONLYCHAN, channel.name, 'Cannot join channel (+i)');
    if (channel.key !== undefined && key !== channel.key) return this.replies.numeric(user, ERR_BADCHANNELKEY, channel.name, 'Cannot join channel (+k)');
    if (channel.limit !== undefined && channel.members.size >= channel.limit) {
      return this.replies.numeric(user, ERR_CHANNELISFULL, channel.name, 'Cannot join channel (+l)');
    }
    return undefined;
  }

  /** The channel `user` is on, or the numeric saying why not (403, 442) is replied and undefined returned. */
  private memberChannel(user: ChatUser, name: string, context: Context): Channel | undefined {
    const channel = this.directory.findChannel(name);
    if (!channel) {
      context.reply(this.replies.numeric(user, ERR_NOSUCHCHANNEL, ServerReplies.echo(name), 'No such channel'));
      return undefined;
    }
    if (!channel.has(user)) {
      context.reply(this.replies.numeric(user, ERR_NOTONCHANNEL, channel.name, "You're not on that channel"));
      return undefined;
    }
    return channel;
  }

  /** Tells the channel (and `user`, in its reply order) that `user` leaves, then takes it out. */
  private remove(user: ChatUser, channel: Channel, command: string, context: Context, params: string[]): void {
    const line = this.delivery.encode(this.replies.fromUser(user, command, ...params));
    context.reply(line);
    this.delivery.toChannel(channel, line, user);
    this.detach(user, channel);
  }

  private detach(user: ChatUser, channel: Channel): void {
    channel.members.delete(user);
    user.parted(channel);
    this.directory.closeIfEmpty(channel);
  }

  private needMoreParams(user: ChatUser, command: string): IrcMessage {
    return this.replies.numeric(user, ERR_NEEDMOREPARAMS, command, 'Not enough parameters');
  }
}
