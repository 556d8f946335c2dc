import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import {
  ERR_ALREADYREGISTERED,
  ERR_ERRONEUSNICKNAME,
  ERR_NEEDMOREPARAMS,
  ERR_NICKNAMEINUSE,
  ERR_NONICKNAMEGIVEN,
  type IrcMessage,
} from '@weir/codecs';
import { CHANNEL_DIRECTORY, type ChannelDirectory } from '../directory/channel-directory';
import { DELIVERY, type Delivery } from '../directory/delivery';
import { ChatUser } from '../model/chat-user';
import { isValidNick } from '../model/irc-names';
import { ServerReplies } from '../protocol/server-replies';
import { Registrar } from '../session/registrar';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';

type Context = MessageContext<IrcMessage, IrcMessage>;

/** Usernames keep to bytes that cannot break a `nick!user@host` mask. */
const USERNAME_FORBIDDEN = /[^\x21-\x7e]|[!@*?,]/g;
const USERLEN = 16;

/** PASS, NICK and USER: who a client is, before and after registration. */
@Plugin({ name: 'registration' })
export class RegistrationPlugin {
  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    @inject(CHANNEL_DIRECTORY) private readonly directory: ChannelDirectory,
    @inject(DELIVERY) private readonly delivery: Delivery,
    private readonly replies: ServerReplies,
    private readonly registrar: Registrar,
  ) {}

  @Handle('PASS')
  pass(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    if (user.registered) return this.replies.numeric(user, ERR_ALREADYREGISTERED, 'You may not reregister');
    const password = message.params[0];
    if (password === undefined) return this.replies.numeric(user, ERR_NEEDMOREPARAMS, 'PASS', 'Not enough parameters');
    user.password = password;
  }

  @Handle('NICK')
  nick(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const nick = message.params[0];
    if (nick === undefined || nick === '') return this.replies.numeric(user, ERR_NONICKNAMEGIVEN, 'No nickname given');
    if (!isValidNick(nick, this.settings.nickLen)) {
      return this.replies.numeric(user, ERR_ERRONEUSNICKNAME, ServerReplies.echo(nick), 'Erroneus nickname');
    }
    if (nick === user.nick) return;
    const before = user.mask;
    if (!this.directory.claimNick(user, nick)) {
      return this.replies.numeric(user, ERR_NICKNAMEINUSE, nick, 'Nickname is already in use');
    }
    if (!user.registered) {
      this.registrar.tryComplete(user, context);
      return;
    }
    // The old mask is the source, so everyone can tell whose nick changed.
    const line = this.delivery.encode({ prefix: before, command: 'NICK', params: [nick] });
    context.reply(line);
    this.delivery.toNeighbours(user, line);
  }

  @Handle('USER')
  user(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    if (user.registered) return this.replies.numeric(user, ERR_ALREADYREGISTERED, 'You may not reregister');
    const [username, , , realname] = message.params;
    const cleaned = (username ?? '').replace(USERNAME_FORBIDDEN, '').slice(0, USERLEN);
    if (message.params.length < 4 || cleaned === '') {
      return this.replies.numeric(user, ERR_NEEDMOREPARAMS, 'USER', 'Not enough parameters');
    }
    user.username = cleaned;
    user.realname = realname;
    this.registrar.tryComplete(user, context);
  }
}
