import { inject, injectable } from 'tsyringe';
import { ircMessage, type IrcMessage } from '@weir/codecs';
import type { ChatUser } from '../model/chat-user';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';

/** Builds the server's lines: numerics addressed to a user, server-sourced commands, user-sourced commands. */
@injectable()
export class ServerReplies {
  readonly serverName: string;

  constructor(@inject(CHAT_SETTINGS) settings: ChatSettings) {
    this.serverName = settings.serverName;
  }

  /** `:server <code> <nick> params...` */
  numeric(user: ChatUser, code: string, ...params: string[]): IrcMessage {
    return ircMessage(code, [user.nick, ...params], this.serverName);
  }

  /** `:server COMMAND params...` */
  fromServer(command: string, ...params: string[]): IrcMessage {
    return ircMessage(command, params, this.serverName);
  }

  /** `:nick!user@host COMMAND params...` */
  fromUser(user: ChatUser, command: string, ...params: string[]): IrcMessage {
    return ircMessage(command, params, user.mask);
  }

  /**
   * A client's own word (a target, a nick it asked for) made safe to echo as a
   * middle param of a numeric: never empty, spaced or `:`-led, and short enough
   * that the numeric still fits in 512 bytes.
   */
  static echo(param: string): string {
    if (param === '' || param.charCodeAt(0) === 0x3a || param.includes(' ')) return '*';
    return param.length > 64 ? param.slice(0, 64) : param;
  }

  /** `ERROR :Closing Link: <host> (<reason>)`, the last line a closed client sees. */
  closingLink(host: string, reason: string): IrcMessage {
    return ircMessage('ERROR', [`Closing Link: ${host} (${reason})`]);
  }
}
