import { injectable } from 'tsyringe';
import { Connection, type Frame } from '@weir/core';
import type { IrcMessage } from '@weir/codecs';
import type { Channel } from './channel';
import { displayHost } from './irc-names';

/** What a user with no capabilities or no channels reads: most idle users have neither, and a Set costs ~170 bytes. */
const NONE: ReadonlySet<never> = new Set<never>();

/**
 * One client's state, made once per connection in its container
 * (`ctx.get(ChatUser)`): what it registered as, its capabilities, its channels.
 */
@injectable()
export class ChatUser {
  /** `*` until the first NICK is accepted, as numerics address unnamed clients. */
  nick = '*';
  username = '';
  realname = '';
  readonly host: string;
  registered = false;
  /** The last PASS sent before registration. */
  password: string | undefined;
  /** CAP LS or REQ before registration holds registration back until CAP END. */
  capNegotiating = false;
  private capSet: Set<string> | undefined;
  away: string | undefined;
  invisible = false;
  private channelSet: Set<Channel> | undefined;
  /** Unix seconds, for WHOIS. */
  signedOnAt = 0;
  /** Last PRIVMSG/NOTICE/JOIN (ms), for WHOIS idle time. */
  lastActiveAt = Date.now();
  /** Set once the user has left the network (QUIT broadcast, nick released). */
  departed = false;

  constructor(readonly connection: Connection<IrcMessage, IrcMessage>) {
    this.host = displayHost(connection.remoteAddress);
  }

  /** Capabilities enabled with CAP REQ. */
  get caps(): ReadonlySet<string> {
    return this.capSet ?? NONE;
  }

  enableCap(cap: string): void {
    (this.capSet ??= new Set()).add(cap);
  }

  disableCap(cap: string): void {
    this.capSet?.delete(cap);
  }

  /** The channels the user is on. */
  get channels(): ReadonlySet<Channel> {
    return this.channelSet ?? NONE;
  }

  joined(channel: Channel): void {
    (this.channelSet ??= new Set()).add(channel);
  }

  parted(channel: Channel): void {
    this.channelSet?.delete(channel);
  }

  partedAll(): void {
    this.channelSet = undefined;
  }

  get hasNick(): boolean {
    return this.nick !== '*';
  }

  /** `nick!user@host`, the source of everything this user says. */
  get mask(): string {
    return `${this.nick}!${this.username || '~'}@${this.host}`;
  }

  /** Outside the reply order: for lines caused by someone else. */
  send(line: IrcMessage | Frame): void {
    this.connection.send(line);
  }
}
