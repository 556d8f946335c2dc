import { Handle, Plugin, type MessageContext } from '@weir/core';
import { ERR_NEEDMOREPARAMS, type IrcMessage } from '@weir/codecs';
import { ChatUser } from '../model/chat-user';
import { ERR_INVALIDCAPCMD } from '../protocol/chat-numerics';
import { ServerReplies } from '../protocol/server-replies';
import { Registrar } from '../session/registrar';

type Context = MessageContext<IrcMessage, IrcMessage>;

/** The capabilities this server implements: both change only how NAMES (and WHO) show members. */
export const SUPPORTED_CAPS: readonly string[] = ['multi-prefix', 'userhost-in-names'];

/**
 * IRCv3 capability negotiation (CAP LS/LIST/REQ/END). A CAP LS or REQ before
 * registration holds registration back until CAP END.
 */
@Plugin({ name: 'capability' })
export class CapabilityPlugin {
  constructor(
    private readonly replies: ServerReplies,
    private readonly registrar: Registrar,
  ) {}

  @Handle('CAP')
  cap(message: IrcMessage, context: Context): IrcMessage | void {
    const user = context.get(ChatUser);
    const subcommand = (message.params[0] ?? '').toUpperCase();
    switch (subcommand) {
      case 'LS':
        if (!user.registered) user.capNegotiating = true;
        return this.replies.fromServer('CAP', user.nick, 'LS', SUPPORTED_CAPS.join(' '));
      case 'LIST':
        return this.replies.fromServer('CAP', user.nick, 'LIST', [...user.caps].join(' '));
      case 'REQ':
        if (!user.registered) user.capNegotiating = true;
        return this.request(user, message.params[1] ?? '');
      case 'END':
        if (!user.registered) {
          user.capNegotiating = false;
          this.registrar.tryComplete(user, context);
        }
        return;
      case '':
        return this.replies.numeric(user, ERR_NEEDMOREPARAMS, 'CAP', 'Not enough parameters');
      default:
        return this.replies.numeric(user, ERR_INVALIDCAPCMD, ServerReplies.echo(message.params[0]), 'Invalid CAP command');
    }
  }

  /** All or nothing, as the spec asks: ACK the whole list, or NAK it and change nothing. */
  private request(user: ChatUser, list: string): IrcMessage {
    const wanted = list.split(' ').filter((cap) => cap !== '');
    const known = wanted.every((cap) => SUPPORTED_CAPS.includes(cap.startsWith('-') ? cap.slice(1) : cap));
    const echoed = wanted.join(' ');
    if (!known || wanted.length === 0) return this.replies.fromServer('CAP', user.nick, 'NAK', echoed);
    for (const cap of wanted) {
      if (cap.startsWith('-')) user.disableCap(cap.slice(1));
      else user.enableCap(cap);
    }
    return this.replies.fromServer('CAP', user.nick, 'ACK', echoed);
  }
}
