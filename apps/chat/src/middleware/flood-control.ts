import type { Middleware } from '@weir/core';
import type { IrcMessage } from '@weir/codecs';
import { ChatUser } from '../model/chat-user';
import { Departure } from '../session/departure';
import type { FloodSettings } from '../settings/chat-settings';
import { FloodGate } from './flood-gate';

/**
 * Flood control in front of every handler, as ircds do it: a burst runs at
 * once, the excess is delayed by the connection's token bucket, and a client
 * that keeps flooding past `maxQueued` waiting messages is cut off with
 * `ERROR :Closing Link: <host> (Excess Flood)`.
 */
export function floodControl(limits: FloodSettings): Middleware<IrcMessage, IrcMessage> {
  return (next, root) => {
    const departure = root.resolve(Departure);
    return (message, context) => {
      const gate = context.get(FloodGate);
      if (gate.take()) return next(message, context);
      if (gate.queued >= limits.maxQueued) {
        departure.disconnect(context.get(ChatUser), 'Excess Flood', { kind: 'closed', detail: 'Excess Flood' });
        return undefined;
      }
      return gate.defer(context, () => next(message, context));
    };
  };
}
