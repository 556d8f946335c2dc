import { inject, injectable } from 'tsyringe';
import type { MessageContext } from '@weir/core';
import { ERR_PASSWDMISMATCH, type IrcMessage } from '@weir/codecs';
import type { ChatUser } from '../model/chat-user';
import { ServerInfo } from '../protocol/server-info';
import { ServerReplies } from '../protocol/server-replies';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';
import { Departure } from './departure';

/** Completes registration once NICK and USER are in and CAP negotiation (if any) has ended. */
@injectable()
export class Registrar {
  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    private readonly info: ServerInfo,
    private readonly replies: ServerReplies,
    private readonly departure: Departure,
  ) {}

  /** Called after NICK, USER and CAP END: registers the user if nothing is missing. */
  tryComplete(user: ChatUser, context: MessageContext<IrcMessage, IrcMessage>): void {
    if (user.registered || !user.hasNick || user.username === '' || user.capNegotiating) return;
    const password = this.settings.password;
    if (password !== undefined && user.password !== password) {
      context.reply(this.replies.numeric(user, ERR_PASSWDMISMATCH, 'Password incorrect'));
      this.departure.disconnect(user, 'Bad password', { kind: 'closed', detail: 'bad password' });
      return;
    }
    user.registered = true;
    user.signedOnAt = Math.floor(Date.now() / 1000);
    user.lastActiveAt = Date.now();
    for (const line of this.info.welcome(user)) context.reply(line);
  }
}
