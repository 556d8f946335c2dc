import type { Middleware } from '@weir/core';
import { ERR_NOTREGISTERED, type IrcMessage } from '@weir/codecs';
import { ChatUser } from '../model/chat-user';
import { ServerReplies } from '../protocol/server-replies';

/** What a client may send before it has registered; anything else gets ERR_NOTREGISTERED. */
const OPEN_BEFORE_REGISTRATION = new Set(['CAP', 'PASS', 'NICK', 'USER', 'PING', 'PONG', 'QUIT']);

export function registrationGate(): Middleware<IrcMessage, IrcMessage> {
  return (next, root) => {
    const replies = root.resolve(ServerReplies);
    return (message, context) => {
      if (OPEN_BEFORE_REGISTRATION.has(context.route)) return next(message, context);
      const user = context.get(ChatUser);
      if (user.registered) return next(message, context);
      return replies.numeric(user, ERR_NOTREGISTERED, 'You have not registered');
    };
  };
}
