import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import {
  ERR_NEEDMOREPARAMS,
  ERR_NONICKNAMEGIVEN,
  ERR_NOSUCHNICK,
  RPL_AWAY,
  RPL_ENDOFWHO,
  RPL_ENDOFWHOIS,
  RPL_ISON,
  RPL_USERHOST,
  RPL_WHOISCHANNELS,
  RPL_WHOISIDLE,
  RPL_WHOISSERVER,
  RPL_WHOISUSER,
  RPL_WHOREPLY,
  type IrcMessage,
} from '@weir/codecs';
import { CHANNEL_DIRECTORY, type ChannelDirectory } from '../directory/channel-directory';
import type { Channel } from '../model/channel';
import { ChatUser } from '../model/chat-user';
import { isChannelName } from '../model/irc-names';
import { matchesMask } from '../model/wildcard-mask';
import { ChannelViews } from '../protocol/channel-views';
import { ServerInfo } from '../protocol/server-info';
import { ServerReplies } from '../protocol/server-replies';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';

type Context = MessageContext<IrcMessage, IrcMessage>;

/** Room for the channels of one RPL_WHOISCHANNELS line. */
const WHOIS_CHANNELS_ROOM = 400;

/** WHO, WHOIS, ISON, USERHOST, LUSERS and MOTD: questions about users and the server. */
@Plugin({ name: 'user-queries' })
export class UserQueriesPlugin {
  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    @inject(CHANNEL_DIRECTORY) private readonly directory: ChannelDirectory,
    private readonly replies: ServerReplies,
    private readonly views: ChannelViews,
    private readonly info: ServerInfo,
  ) {}

  @Handle('WHO')
  who(message: IrcMessage, context: Context): void {
    const user = context.get(ChatUser);
    const mask = message.params[0] ?? '*';
    if (isChannelName(mask)) {
      const channel = this.directory.findChannel(mask);
      if (channel && this.views.visibleTo(channel, user)) {
        const member = channel.has(user);
        for (const other of channel.members.keys()) {
          if (member || !other.invisible) context.reply(this.whoReply(user, other, channel));
        }
      }
    } else {
      const everyone = mask === '*' || mask === '0' || mask === '';
      for (const other of this.directory.users()) {
        if (!other.registered || !this.visible(user, other)) continue;
        if (everyone || matchesMask(mask, other.nick)) context.reply(this.whoReply(user, other, undefined));
      }
    }
    context.reply(this.replies.numeric(user, RPL_ENDOFWHO, ServerReplies.echo(mask), 'End of WHO list'));
  }

  @Handle('WHOIS')
  whois(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    // `WHOIS <server> <nick>`: there is one server, so only the nick matters.
    const nicks = message.params[message.params.length - 1];
    if (nicks === undefined || nicks === '') return this.replies.numeric(user, ERR_NONICKNAMEGIVEN, 'No nickname given');
    for (const nick of nicks.split(',')) {
      const target = this.directory.findUser(nick);
      if (!target || !target.registered) {
        context.reply(this.replies.numeric(user, ERR_NOSUCHNICK, ServerReplies.echo(nick), 'No such nick/channel'));
      } else {
        for (const reply of this.whoisReplies(user, target)) context.reply(reply);
      }
    }
    context.reply(this.replies.numeric(user, RPL_ENDOFWHOIS, ServerReplies.echo(nicks), 'End of /WHOIS list'));
  }

  @Handle('ISON')
  ison(message: IrcMessage, context: Context): IrcMessage {
    const user = context.get(ChatUser);
    if (message.params.length === 0) return this.replies.numeric(user, ERR_NEEDMOREPARAMS, 'ISON', 'Not enough parameters');
    const online = message.params
      .flatMap((param) => param.split(' '))
      .map((nick) => this.directory.findUser(nick))
      .filter((other): other is ChatUser => other !== undefined && other.registered)
      .map((other) => other.nick);
    return this.replies.numeric(user, RPL_ISON, online.join(' '));
  }

  @Handle('USERHOST')
  userhost(message: IrcMessage, context: Context): IrcMessage {
    const user = context.get(ChatUser);
    if (message.params.length === 0) return this.replies.numeric(user, ERR_NEEDMOREPARAMS, 'USERHOST', 'Not enough parameters');
    const found = message.params
      .slice(0, 5)
      .map((nick) => this.directory.findUser(nick))
      .filter((other): other is ChatUser => other !== undefined && other.registered)
      .map((other) => `${other.nick}=${other.away === undefined ? '+' : '-'}${other.username}@${other.host}`);
    return this.replies.numeric(user, RPL_USERHOST, found.join(' '));
  }

  @Handle('LUSERS')
  lusers(_message: IrcMessage, context: Context): void {
    for (const reply of this.info.lusers(context.get(ChatUser))) context.reply(reply);
  }

  @Handle('MOTD')
  motd(_message: IrcMessage, context: Context): void {
    for (const reply of this.info.motd(context.get(ChatUser))) context.reply(reply);
  }

  /** RPL_WHOREPLY: flags are H or G (away), then the membership prefix in `channel`. */
  private whoReply(viewer: ChatUser, other: ChatUser, channel: Channel | undefined): IrcMessage {
    const shown = channel ?? this.sharedChannel(viewer, other);
    const prefix = shown ? shown.prefixOf(other, viewer.caps.has('multi-prefix')) : '';
    const flags = (other.away === undefined ? 'H' : 'G') + prefix;
    return this.replies.numeric(
      viewer,
      RPL_WHOREPLY,
      shown?.name ?? '*',
      other.username,
      other.host,
      this.settings.serverName,
      other.nick,
      flags,
      `0 ${other.realname}`,
    );
  }

  private whoisReplies(viewer: ChatUser, target: ChatUser): IrcMessage[] {
    const replies = [this.replies.numeric(viewer, RPL_WHOISUSER, target.nick, target.username, target.host, '*', target.realname)];
    const channels = [...target.channels]
      .filter((channel) => this.views.visibleTo(channel, viewer))
      .map((channel) => channel.prefixOf(target, viewer.caps.has('multi-prefix')) + channel.name);
    let chunk = '';
    for (const entry of channels) {
      if (chunk !== '' && chunk.length + entry.length + 1 > WHOIS_CHANNELS_ROOM) {
        replies.push(this.replies.numeric(viewer, RPL_WHOISCHANNELS, target.nick, chunk));
        chunk = '';
      }
      chunk = chunk === '' ? entry : `${chunk} ${entry}`;
    }
    if (chunk !== '') replies.push(this.replies.numeric(viewer, RPL_WHOISCHANNELS, target.nick, chunk));
    replies.push(this.replies.numeric(viewer, RPL_WHOISSERVER, target.nick, this.settings.serverName, this.settings.network));
    if (target.away !== undefined) replies.push(this.replies.numeric(viewer, RPL_AWAY, target.nick, target.away));
    const idle = Math.max(0, Math.floor((Date.now() - target.lastActiveAt) / 1000));
    replies.push(this.replies.numeric(viewer, RPL_WHOISIDLE, target.nick, String(idle), String(target.signedOnAt), 'seconds idle, signon time'));
    return replies;
  }

  /** Users see themselves, those sharing a channel, and everyone not +i. */
  private visible(viewer: ChatUser, other: ChatUser): boolean {
    return other === viewer || !other.invisible || this.sharedChannel(viewer, other) !== undefined;
  }

  private sharedChannel(viewer: ChatUser, other: ChatUser): Channel | undefined {
    for (const channel of other.channels) if (channel.has(viewer)) return channel;
    return undefined;
  }
}
