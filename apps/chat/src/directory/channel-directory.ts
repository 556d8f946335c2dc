import type { InjectionToken } from 'tsyringe';
import type { Channel } from '../model/channel';
import type { ChatUser } from '../model/chat-user';

/**
 * Who is on the network and which channels exist, by case-folded name.
 *
 * Plugins only reach users and channels through this, so the in-process map
 * can give way to one replicated between processes. It stays synchronous on
 * purpose: IRC networks themselves keep a full copy of this state on every
 * server and settle races (nick collisions) as updates arrive, so a Redis
 * pub/sub implementation would keep a local replica here and publish changes,
 * rather than make every handler wait on a round trip.
 */
export interface ChannelDirectory {
  /** The user holding `nick` in any case, if any. */
  findUser(nick: string): ChatUser | undefined;
  /** Gives `user` the nick; false if another user holds it. The user's previous nick is released. */
  claimNick(user: ChatUser, nick: string): boolean;
  releaseNick(user: ChatUser): void;
  /** Users holding a nick, registered or not. */
  users(): Iterable<ChatUser>;

  findChannel(name: string): Channel | undefined;
  /** The channel, made (empty) if it did not exist. */
  openChannel(name: string): { readonly channel: Channel; readonly created: boolean };
  /** An empty channel disappears. */
  closeIfEmpty(channel: Channel): void;
  channels(): Iterable<Channel>;
  readonly channelCount: number;
}

export const CHANNEL_DIRECTORY: InjectionToken<ChannelDirectory> = Symbol('chat.channel-directory');
