import { inject, injectable } from 'tsyringe';
import { WeirServer, type Frame } from '@weir/core';
import type { IrcMessage } from '@weir/codecs';
import type { Channel } from '../model/channel';
import type { ChatUser } from '../model/chat-user';
import type { Delivery } from './delivery';

/** Delivery inside one process: the server's codec encodes, each member's connection sends. */
@injectable()
export class InProcessDelivery implements Delivery {
  private readonly server: WeirServer<IrcMessage, IrcMessage>;

  constructor(@inject(WeirServer) server: WeirServer<unknown, unknown>) {
    this.server = server as WeirServer<IrcMessage, IrcMessage>;
  }

  encode(message: IrcMessage): Frame {
    return this.server.frame(message);
  }

  toUser(user: ChatUser, line: Frame): void {
    user.send(line);
  }

  toChannel(channel: Channel, line: Frame, except?: ChatUser): void {
    for (const member of channel.members.keys()) {
      if (member !== except) member.send(line);
    }
  }

  toNeighbours(user: ChatUser, line: Frame): void {
    const seen = new Set<ChatUser>([user]);
    for (const channel of user.channels) {
      for (const member of channel.members.keys()) {
        if (seen.has(member)) continue;
        seen.add(member);
        member.send(line);
      }
    }
  }
}
