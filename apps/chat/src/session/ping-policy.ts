import type { Connection, IdlePolicy } from '@weir/core';
import { ircMessage, type IrcMessage } from '@weir/codecs';
import { ChatUser } from '../model/chat-user';
import type { ChatSettings } from '../settings/chat-settings';
import { Departure } from './departure';

/**
 * The server's PING, on the core idle policy: after `pingIntervalMs` of silence
 * the client gets `PING :<server>`; if nothing at all arrives in the next
 * `pingTimeoutMs`, it gets `ERROR :Closing Link: <host> (Ping timeout)` and its
 * neighbours its QUIT. The timeout has its own timer, set only for clients that
 * were pinged, so it may be shorter or longer than the interval.
 */
export function pingPolicy(settings: ChatSettings): IdlePolicy<IrcMessage, IrcMessage> {
  const ping = ircMessage('PING', [settings.serverName]);
  const pinged = new WeakMap<Connection<IrcMessage, IrcMessage>, number>();
  return {
    readIdleMs: settings.pingIntervalMs,
    onIdle(connection: Connection<IrcMessage, IrcMessage>, event) {
      if (event.kind !== 'read') return;
      // A new round when the client has said anything since our last PING. Not
      // `event.count === 1` alone: the idle count is only reset by a read in a
      // later millisecond than the idle event, and a PONG on loopback can land
      // in the same one.
      const last = pinged.get(connection);
      if (event.count !== 1 && last !== undefined && connection.lastReadAt < last) return;
      const pingedAt = Date.now();
      pinged.set(connection, pingedAt);
      connection.send(ping);
      const timer = setTimeout(() => {
        if (!connection.isOpen || connection.lastReadAt >= pingedAt) return;
        const departure = connection.container.resolve(Departure);
        departure.disconnect(connection.get(ChatUser), 'Ping timeout', { kind: 'idle', detail: 'Ping timeout' });
      }, settings.pingTimeoutMs);
      timer.unref();
    },
  };
}
