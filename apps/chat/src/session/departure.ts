import { inject, injectable } from 'tsyringe';
import type { CloseReason } from '@weir/core';
import { CHANNEL_DIRECTORY, type ChannelDirectory } from '../directory/channel-directory';
import { DELIVERY, type Delivery } from '../directory/delivery';
import { FloodGate } from '../middleware/flood-gate';
import type { ChatUser } from '../model/chat-user';
import { ServerReplies } from '../protocol/server-replies';

/**
 * How a user leaves the network, whatever the cause (QUIT, ping timeout,
 * flood, a dropped socket): one QUIT to each neighbour, out of every channel,
 * nick released. Done once, at the moment the server knows, not when the
 * socket finally closes.
 */
@injectable()
export class Departure {
  constructor(
    @inject(CHANNEL_DIRECTORY) private readonly directory: ChannelDirectory,
    @inject(DELIVERY) private readonly delivery: Delivery,
    private readonly replies: ServerReplies,
  ) {}

  /** Takes the user off the network; idempotent. */
  leave(user: ChatUser, reason: string): void {
    if (user.departed) return;
    user.departed = true;
    if (user.channels.size > 0) {
      this.delivery.toNeighbours(user, this.delivery.encode(this.replies.fromUser(user, 'QUIT', reason)));
      for (const channel of user.channels) {
        channel.members.delete(user);
        this.directory.closeIfEmpty(channel);
      }
      user.partedAll();
    }
    this.directory.releaseNick(user);
  }

  /** Leaves, then closes the connection with `ERROR :Closing Link: <host> (<reason>)` after the replies it is owed. */
  disconnect(user: ChatUser, reason: string, closeReason: CloseReason): void {
    this.leave(user, reason);
    user.connection.get(FloodGate).abandon();
    user.connection.close(closeReason, this.replies.closingLink(user.host, reason));
  }
}
