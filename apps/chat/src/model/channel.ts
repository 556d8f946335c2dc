import type { ChatUser } from './chat-user';
import { matchesMask } from './wildcard-mask';

/** The flag modes (CHANMODES type D). */
export type ChannelFlag = 'i' | 'm' | 'n' | 's' | 't';
export const CHANNEL_FLAGS: readonly ChannelFlag[] = ['i', 'm', 'n', 's', 't'];

export interface Membership {
  op: boolean;
  voice: boolean;
}

export interface Topic {
  readonly text: string;
  readonly setBy: string;
  /** Unix seconds. */
  readonly setAt: number;
}

export interface Ban {
  readonly mask: string;
  readonly setBy: string;
  readonly setAt: number;
}

/** A channel: its members with their status, its modes, topic, bans and pending invites. */
export class Channel {
  readonly members = new Map<ChatUser, Membership>();
  readonly flags = new Set<ChannelFlag>(['n', 't']);
  readonly bans: Ban[] = [];
  /** Folded nicks invited while +i; an invite is used up by the join. */
  readonly invited = new Set<string>();
  topic: Topic | undefined;
  key: string | undefined;
  limit: number | undefined;

  constructor(
    readonly name: string,
    /** Unix seconds (RPL_CREATIONTIME). */
    readonly createdAt: number,
  ) {}

  has(user: ChatUser): boolean {
    return this.members.has(user);
  }

  isOp(user: ChatUser): boolean {
    return this.members.get(user)?.op === true;
  }

  get isSecret(): boolean {
    return this.flags.has('s');
  }

  /** The membership prefixes: the highest only, or all of them for multi-prefix clients. */
  prefixOf(user: ChatUser, all = false): string {
    const membership = this.members.get(user);
    if (!membership) return '';
    if (all) return (membership.op ? '@' : '') + (membership.voice ? '+' : '');
    return membership.op ? '@' : membership.voice ? '+' : '';
  }

  isBanned(user: ChatUser): boolean {
    const mask = user.mask;
    return this.bans.some((ban) => matchesMask(ban.mask, mask));
  }

  /** +n, +m and bans, in that order; voice and op speak through +m and bans. */
  canSpeak(user: ChatUser): boolean {
    const membership = this.members.get(user);
    if (!membership) return !this.flags.has('n') && !this.flags.has('m') && !this.isBanned(user);
    if (membership.op || membership.voice) return true;
    return !this.flags.has('m') && !this.isBanned(user);
  }

  /** The mode string and its arguments, as RPL_CHANNELMODEIS gives them; the key only to members. */
  modeParams(showKey: boolean): string[] {
    let modes = '+';
    const args: string[] = [];
    for (const flag of CHANNEL_FLAGS) if (this.flags.has(flag)) modes += flag;
    if (this.key !== undefined) {
      modes += 'k';
      if (showKey) args.push(this.key);
    }
    if (this.limit !== undefined) {
      modes += 'l';
      args.push(String(this.limit));
    }
    return [modes, ...args];
  }
}
