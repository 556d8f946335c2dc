import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import {
  ERR_CHANOPRIVSNEEDED,
  ERR_INVALIDMODEPARAM,
  ERR_NEEDMOREPARAMS,
  ERR_NOSUCHCHANNEL,
  ERR_NOSUCHNICK,
  ERR_UMODEUNKNOWNFLAG,
  ERR_UNKNOWNMODE,
  ERR_USERNOTINCHANNEL,
  ERR_USERSDONTMATCH,
  RPL_BANLIST,
  RPL_CHANNELMODEIS,
  RPL_CREATIONTIME,
  RPL_ENDOFBANLIST,
  RPL_UMODEIS,
  type IrcMessage,
} from '@weir/codecs';
import { CHANNEL_DIRECTORY, type ChannelDirectory } from '../directory/channel-directory';
import { DELIVERY, type Delivery } from '../directory/delivery';
import type { Channel } from '../model/channel';
import { applyChannelMode, needsOperator, type ModeResult } from '../model/channel-mode-rules';
import { ChatUser } from '../model/chat-user';
import { isChannelName } from '../model/irc-names';
import { ERR_BANLISTFULL } from '../protocol/chat-numerics';
import { formatModeChanges, parseChannelModes, type ModeChange } from '../protocol/mode-string';
import { ServerReplies } from '../protocol/server-replies';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';

type Context = MessageContext<IrcMessage, IrcMessage>;

/** MODE for channels (b k l i m n s t, o v) and for the user itself (i). */
@Plugin({ name: 'mode' })
export class ModePlugin {
  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    @inject(CHANNEL_DIRECTORY) private readonly directory: ChannelDirectory,
    @inject(DELIVERY) private readonly delivery: Delivery,
    private readonly replies: ServerReplies,
  ) {}

  @Handle('MODE')
  mode(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const [target, modestring, ...args] = message.params;
    if (target === undefined || target === '') return this.replies.numeric(user, ERR_NEEDMOREPARAMS, 'MODE', 'Not enough parameters');
    if (isChannelName(target)) return this.channelMode(user, target, modestring, args, context);
    return this.userMode(user, target, modestring, context);
  }

  private channelMode(user: ChatUser, name: string, modestring: string | undefined, args: string[], context: Context): IrcMessage | void {
    const channel = this.directory.findChannel(name);
    if (!channel) return this.replies.numeric(user, ERR_NOSUCHCHANNEL, ServerReplies.echo(name), 'No such channel');
    if (modestring === undefined || modestring === '') {
      context.reply(this.replies.numeric(user, RPL_CHANNELMODEIS, channel.name, ...channel.modeParams(channel.has(user))));
      context.reply(this.replies.numeric(user, RPL_CREATIONTIME, channel.name, String(channel.createdAt)));
      return;
    }
    const changes = parseChannelModes(modestring, args);
    if (changes.some(needsOperator) && !channel.isOp(user)) {
      return this.replies.numeric(user, ERR_CHANOPRIVSNEEDED, channel.name, "You're not channel operator");
    }
    const applied: ModeChange[] = [];
    let listed = false;
    let withParam = 0;
    for (const change of changes) {
      if (!needsOperator(change)) {
        if (!listed) this.banList(user, channel, context);
        listed = true;
        continue;
      }
      // MODES: only so many changes with an argument per command; the rest are ignored.
      if (change.param !== undefined && ++withParam > this.settings.modesPerCommand) continue;
      const result = applyChannelMode(channel, user, change, (nick) => this.directory.findUser(nick), this.settings.maxBans);
      if (result.kind === 'applied') applied.push(result.change);
      else this.complain(user, channel, change, result, context);
    }
    if (applied.length === 0) return;
    const line = this.delivery.encode(this.replies.fromUser(user, 'MODE', channel.name, ...formatModeChanges(applied)));
    context.reply(line);
    this.delivery.toChannel(channel, line, user);
  }

  private complain(user: ChatUser, channel: Channel, change: ModeChange, result: ModeResult, context: Context): void {
    const param = ServerReplies.echo(change.param ?? '');
    switch (result.kind) {
      case 'unknown-mode':
        context.reply(this.replies.numeric(user, ERR_UNKNOWNMODE, change.letter, 'is unknown mode char to me'));
        break;
      case 'invalid-param':
        context.reply(this.replies.numeric(user, ERR_INVALIDMODEPARAM, channel.name, change.letter, param, result.description));
        break;
      case 'no-such-nick':
        context.reply(this.replies.numeric(user, ERR_NOSUCHNICK, param, 'No such nick/channel'));
        break;
      case 'not-on-channel':
        context.reply(this.replies.numeric(user, ERR_USERNOTINCHANNEL, result.nick, channel.name, "They aren't on that channel"));
        break;
      case 'list-full':
        context.reply(this.replies.numeric(user, ERR_BANLISTFULL, channel.name, change.letter, 'Channel list is full'));
        break;
    }
  }

  private banList(user: ChatUser, channel: Channel, context: Context): void {
    for (const ban of channel.bans) {
      context.reply(this.replies.numeric(user, RPL_BANLIST, channel.name, ban.mask, ban.setBy, String(ban.setAt)));
    }
    context.reply(this.replies.numeric(user, RPL_ENDOFBANLIST, channel.name, 'End of channel ban list'));
  }

  /** Only +i exists, and only on yourself. */
  private userMode(user: ChatUser, nick: string, modestring: string | undefined, context: Context): IrcMessage | void {
    const target = this.directory.findUser(nick);
    if (!target) return this.replies.numeric(user, ERR_NOSUCHNICK, ServerReplies.echo(nick), 'No such nick/channel');
    if (target !== user) return this.replies.numeric(user, ERR_USERSDONTMATCH, 'Cant change mode for other users');
    if (modestring === undefined || modestring === '') return this.replies.numeric(user, RPL_UMODEIS, user.invisible ? '+i' : '+');
    let adding = true;
    let unknown = false;
    const applied: ModeChange[] = [];
    for (const letter of modestring) {
      if (letter === '+' || letter === '-') adding = letter === '+';
      else if (letter !== 'i') unknown = true;
      else if (user.invisible !== adding) {
        user.invisible = adding;
        applied.push({ adding, letter });
      }
    }
    if (applied.length > 0) context.reply(this.replies.fromUser(user, 'MODE', user.nick, formatModeChanges(applied).join(' ')));
    if (unknown) context.reply(this.replies.numeric(user, ERR_UMODEUNKNOWNFLAG, 'Unknown MODE flag'));
  }
}
