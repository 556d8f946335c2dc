import { Handle, Plugin, type AnyConnection, type CloseReason, type MessageContext, type OnDisconnect } from '@weir/core';
import type { IrcMessage } from '@weir/codecs';
import { ChatUser } from '../model/chat-user';
import { Departure } from '../session/departure';

type Context = MessageContext<IrcMessage, IrcMessage>;

/** The QUIT reason others see when a connection ends without the client saying why. */
export function quitReasonFor(reason: CloseReason): string {
  switch (reason.kind) {
    case 'idle':
      return 'Ping timeout';
    case 'output-limit':
      return 'SendQ exceeded';
    case 'protocol-error':
      return 'Protocol error';
    case 'server-close':
      return 'Server shutting down';
    default:
      return 'Connection closed';
  }
}

/** QUIT, and the same departure for a connection that just ends (dropped socket, output limit, shutdown). */
@Plugin({ name: 'session' })
export class SessionPlugin implements OnDisconnect {
  constructor(private readonly departure: Departure) {}

  @Handle('QUIT')
  quit(message: IrcMessage, context: Context): void {
    const user = context.get(ChatUser);
    const reason = `Quit: ${message.params[0] ?? ''}`;
    this.departure.disconnect(user, reason, { kind: 'closed', detail: reason });
  }

  onDisconnect(connection: AnyConnection, reason: CloseReason): void {
    this.departure.leave(connection.get(ChatUser), quitReasonFor(reason));
  }
}
