import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { IrcMessage } from '@weir/codecs';
import { ChatUser } from '../model/chat-user';
import { ERR_NOORIGIN } from '../protocol/chat-numerics';
import { ServerReplies } from '../protocol/server-replies';

type Context = MessageContext<IrcMessage, IrcMessage>;

/**
 * The client's side of liveness: PING gets PONG. The server's side (PING an
 * idle client, close it if nothing comes back) is the idle policy in ping-policy.ts.
 */
@Plugin({ name: 'ping' })
export class PingPlugin {
  constructor(private readonly replies: ServerReplies) {}

  @Handle('PING')
  ping(message: IrcMessage, context: Context): IrcMessage {
    const token = message.params[0];
    if (token === undefined || token === '') {
      return this.replies.numeric(context.get(ChatUser), ERR_NOORIGIN, 'No origin specified');
    }
    return this.replies.fromServer('PONG', this.replies.serverName, token);
  }

  /** Any line from the client already counts as life (the connection's read time); nothing more to do. */
  @Handle('PONG')
  pong(): void {}
}
