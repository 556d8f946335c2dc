import { injectable } from 'tsyringe';
import { Channel } from '../model/channel';
import type { ChatUser } from '../model/chat-user';
import { ircLower } from '../model/irc-names';
import type { ChannelDirectory } from './channel-directory';

/** The directory for one process: two maps keyed by folded name. */
@injectable()
export class InProcessDirectory implements ChannelDirectory {
  private readonly byNick = new Map<string, ChatUser>();
  private readonly byChannel = new Map<string, Channel>();

  findUser(nick: string): ChatUser | undefined {
    return this.byNick.get(ircLower(nick));
  }

  claimNick(user: ChatUser, nick: string): boolean {
    const key = ircLower(nick);
    const holder = this.byNick.get(key);
    if (holder !== undefined && holder !== user) return false;
    if (user.hasNick) this.byNick.delete(ircLower(user.nick));
    this.byNick.set(key, user);
    user.nick = nick;
    return true;
  }

  releaseNick(user: ChatUser): void {
    if (!user.hasNick) return;
    const key = ircLower(user.nick);
    if (this.byNick.get(key) === user) this.byNick.delete(key);
  }

  users(): Iterable<ChatUser> {
    return this.byNick.values();
  }

  findChannel(name: string): Channel | undefined {
    return this.byChannel.get(ircLower(name));
  }

  openChannel(name: string): { readonly channel: Channel; readonly created: boolean } {
    const key = ircLower(name);
    const existing = this.byChannel.get(key);
    if (existing) return { channel: existing, created: false };
    const channel = new Channel(name, Math.floor(Date.now() / 1000));
    this.byChannel.set(key, channel);
    return { channel, created: true };
  }

  closeIfEmpty(channel: Channel): void {
    if (channel.members.size > 0) return;
    const key = ircLower(channel.name);
    if (this.byChannel.get(key) === channel) this.byChannel.delete(key);
  }

  channels(): Iterable<Channel> {
    return this.byChannel.values();
  }

  get channelCount(): number {
    return this.byChannel.size;
  }
}
