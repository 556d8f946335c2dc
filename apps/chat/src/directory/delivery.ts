import type { InjectionToken } from 'tsyringe';
import type { Frame } from '@weir/core';
import type { IrcMessage } from '@weir/codecs';
import type { Channel } from '../model/channel';
import type { ChatUser } from '../model/chat-user';

/**
 * How a line reaches other users. A line is encoded once (`encode`) and the
 * same bytes go to every recipient; the sender's own copy goes through its
 * reply order (`ctx.reply(frame)`), never through here, so it cannot overtake
 * the replies to its earlier commands. A pub/sub implementation would publish
 * the frame's bytes to the other processes, which write them to their members.
 */
export interface Delivery {
  /** Encodes a line once for many recipients (the codec cuts it to 512 bytes). */
  encode(message: IrcMessage): Frame;
  toUser(user: ChatUser, line: Frame): void;
  /** Every member of the channel but `except`. */
  toChannel(channel: Channel, line: Frame, except?: ChatUser): void;
  /** Everyone sharing at least one channel with `user`, once each, not `user`. */
  toNeighbours(user: ChatUser, line: Frame): void;
}

export const DELIVERY: InjectionToken<Delivery> = Symbol('chat.delivery');
