import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import {
  ERR_CANNOTSENDTOCHAN,
  ERR_NORECIPIENT,
  ERR_NOSUCHCHANNEL,
  ERR_NOSUCHNICK,
  ERR_NOTEXTTOSEND,
  RPL_AWAY,
  RPL_NOWAWAY,
  RPL_UNAWAY,
  type IrcMessage,
} from '@weir/codecs';
import { CHANNEL_DIRECTORY, type ChannelDirectory } from '../directory/channel-directory';
import { DELIVERY, type Delivery } from '../directory/delivery';
import { ChatUser } from '../model/chat-user';
import { isChannelName } from '../model/irc-names';
import { ServerReplies } from '../protocol/server-replies';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';

type Context = MessageContext<IrcMessage, IrcMessage>;

/**
 * PRIVMSG and NOTICE to channels and nicks, and AWAY. The text is relayed as
 * the bytes it came as (IrcMessage strings are latin1), and the codec cuts a
 * line that the sender's prefix pushes past 512 bytes.
 */
@Plugin({ name: 'messaging' })
export class MessagingPlugin {
  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    @inject(CHANNEL_DIRECTORY) private readonly directory: ChannelDirectory,
    @inject(DELIVERY) private readonly delivery: Delivery,
    private readonly replies: ServerReplies,
  ) {}

  @Handle('PRIVMSG')
  privmsg(message: IrcMessage, context: Context): void {
    this.relay('PRIVMSG', message, context);
  }

  /** Like PRIVMSG, but nothing ever answers a NOTICE: no error, no RPL_AWAY (no auto-reply loops). */
  @Handle('NOTICE')
  notice(message: IrcMessage, context: Context): void {
    this.relay('NOTICE', message, context);
  }

  @Handle('AWAY')
  away(message: IrcMessage, context: Context): IrcMessage {
    const user = context.get(ChatUser);
    const text = message.params[0];
    if (text === undefined || text === '') {
      user.away = undefined;
      return this.replies.numeric(user, RPL_UNAWAY, 'You are no longer marked as being away');
    }
    user.away = text.slice(0, this.settings.topicLen);
    return this.replies.numeric(user, RPL_NOWAWAY, 'You have been marked as being away');
  }

  private relay(command: 'PRIVMSG' | 'NOTICE', message: IrcMessage, context: Context): void {
    const user = context.get(ChatUser);
    const quiet = command === 'NOTICE';
    const [targets, text] = message.params;
    const fail = (reply: IrcMessage) => {
      if (!quiet) context.reply(reply);
    };
    if (targets === undefined || targets === '') return fail(this.replies.numeric(user, ERR_NORECIPIENT, `No recipient given (${command})`));
    if (text === undefined || text === '') return fail(this.replies.numeric(user, ERR_NOTEXTTOSEND, 'No text to send'));
    user.lastActiveAt = Date.now();
    for (const target of targets.split(',')) {
      if (target === '') continue;
      if (isChannelName(target)) {
        const channel = this.directory.findChannel(target);
        if (!channel) {
          fail(this.replies.numeric(user, ERR_NOSUCHCHANNEL, ServerReplies.echo(target), 'No such channel'));
        } else if (!channel.canSpeak(user)) {
          fail(this.replies.numeric(user, ERR_CANNOTSENDTOCHAN, channel.name, 'Cannot send to channel'));
        } else {
          this.delivery.toChannel(channel, this.delivery.encode(this.replies.fromUser(user, command, channel.name, text)), user);
        }
        continue;
      }
      const recipient = this.directory.findUser(target);
      if (!recipient || !recipient.registered) {
        fail(this.replies.numeric(user, ERR_NOSUCHNICK, ServerReplies.echo(target), 'No such nick/channel'));
        continue;
      }
      const line = this.delivery.encode(this.replies.fromUser(user, command, recipient.nick, text));
      if (recipient === user) context.reply(line);
      else this.delivery.toUser(recipient, line);
      if (recipient.away !== undefined && !quiet) context.reply(this.replies.numeric(user, RPL_AWAY, recipient.nick, recipient.away));
    }
  }
}
