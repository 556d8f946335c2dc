import { ERR_INPUTTOOLONG, ERR_UNKNOWNCOMMAND, ircCodec, ircMessage, type IrcMessage } from '@weir/codecs';
import type { Middleware, ServerOptions } from '@weir/core';
import { CHANNEL_DIRECTORY } from './directory/channel-directory';
import { DELIVERY } from './directory/delivery';
import { InProcessDelivery } from './directory/in-process-delivery';
import { InProcessDirectory } from './directory/in-process-directory';
import { floodControl } from './middleware/flood-control';
import { FloodGate } from './middleware/flood-gate';
import { registrationGate } from './middleware/registration-gate';
import { ChatUser } from './model/chat-user';
import { CapabilityPlugin } from './plugins/capability.plugin';
import { ChannelInfoPlugin } from './plugins/channel-info.plugin';
import { MembershipPlugin } from './plugins/membership.plugin';
import { MessagingPlugin } from './plugins/messaging.plugin';
import { ModePlugin } from './plugins/mode.plugin';
import { PingPlugin } from './plugins/ping.plugin';
import { RegistrationPlugin } from './plugins/registration.plugin';
import { SessionPlugin } from './plugins/session.plugin';
import { UserQueriesPlugin } from './plugins/user-queries.plugin';
import { ChannelViews } from './protocol/channel-views';
import { ServerInfo } from './protocol/server-info';
import { ServerReplies } from './protocol/server-replies';
import { Departure } from './session/departure';
import { pingPolicy } from './session/ping-policy';
import { Registrar } from './session/registrar';
import { CHAT_SETTINGS, chatSettings, type ChatSettings } from './settings/chat-settings';

export interface ChatServerLimits {
  /** Connections from one address past this are refused (`--max-per-ip`). */
  readonly maxPerAddress?: number;
  /** Unread output bytes past which a client is cut off (`--sendq`). */
  readonly sendQueueBytes?: number;
}

/**
 * The IRC server as Weir server options: the IRC codec, plugins by concern,
 * the shared directory and delivery on the root container, one ChatUser and
 * one FloodGate per connection, flood control and the registration gate
 * around every handler, and the server's PING on the core idle policy.
 */
export function chatServerOptions(settings: ChatSettings = chatSettings(), limits: ChatServerLimits = {}): ServerOptions<IrcMessage, IrcMessage> {
  const serverName = settings.serverName;
  const middleware: Middleware<IrcMessage, IrcMessage>[] = [];
  if (settings.flood) middleware.push(floodControl(settings.flood));
  middleware.push(registrationGate());
  const sendQueue = limits.sendQueueBytes ?? 1024 * 1024;
  return {
    codec: ircCodec(),
    route: (message) => message.command,
    providers: [
      { provide: CHAT_SETTINGS, useValue: settings },
      { provide: CHANNEL_DIRECTORY, useClass: InProcessDirectory },
      { provide: DELIVERY, useClass: InProcessDelivery },
      ServerReplies,
      ServerInfo,
      ChannelViews,
      Departure,
      Registrar,
    ],
    connectionScoped: [ChatUser, FloodGate],
    plugins: [
      SessionPlugin,
      PingPlugin,
      CapabilityPlugin,
      RegistrationPlugin,
      MembershipPlugin,
      ChannelInfoPlugin,
      ModePlugin,
      MessagingPlugin,
      UserQueriesPlugin,
    ],
    middleware,
    idle: pingPolicy(settings),
    maxConnectionsPerAddress: limits.maxPerAddress,
    backpressure: { maxPendingOutputBytes: sendQueue, highWaterMark: Math.min(256 * 1024, Math.floor(sendQueue / 2)) },
    replies: {
      unknownRoute: (message, context) =>
        ircMessage(ERR_UNKNOWNCOMMAND, [context.get(ChatUser).nick, ServerReplies.echo(message.command), 'Unknown command'], serverName),
      // The core passes no connection here, so the numeric cannot name the client: `*` stands in.
      protocolError: (error) =>
        error.fatal
          ? ircMessage('ERROR', [`Closing Link: * (${error.code === 'TAGS_TOO_LONG' ? 'Tags too long' : 'Protocol error'})`])
          : error.code === 'INPUT_TOO_LONG'
            ? ircMessage(ERR_INPUTTOOLONG, ['*', 'Input line was too long'], serverName)
            : undefined,
      rejected: (reason) => ircMessage('ERROR', [`Closing Link: * (${reason})`]),
    },
  };
}
