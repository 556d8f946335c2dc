import type { InjectionToken } from 'tsyringe';
import { toIrcString } from '@weir/codecs';

/** Token-bucket flood control, as ircds do it: a burst, then a steady rate; excess waits, a flood is cut off. */
export interface FloodSettings {
  /** Messages a client may send at once before the rest are delayed. */
  readonly burst: number;
  /** Messages per second the bucket refills by. */
  readonly perSecond: number;
  /** Delayed messages past which the client is disconnected with `ERROR :Excess Flood`. */
  readonly maxQueued: number;
}

/** Everything the chat server is configured with; plugins inject it as CHAT_SETTINGS. */
export interface ChatSettings {
  /** The server's name in prefixes and numerics (latin1, like every IrcMessage field). */
  readonly serverName: string;
  readonly network: string;
  readonly version: string;
  readonly createdAt: Date;
  /** Connection password (PASS); undefined: none needed. */
  readonly password: string | undefined;
  /** MOTD lines (latin1); undefined: ERR_NOMOTD. */
  readonly motd: readonly string[] | undefined;
  /** Channels one user may be on at once (CHANLIMIT). */
  readonly maxChannels: number;
  readonly nickLen: number;
  readonly channelLen: number;
  readonly topicLen: number;
  /** Entries a channel's ban list may hold (MAXLIST). */
  readonly maxBans: number;
  /** Modes with a parameter one MODE command may change (MODES). */
  readonly modesPerCommand: number;
  /** Silence after which the server sends PING. */
  readonly pingIntervalMs: number;
  /** Time after that PING to wait for anything from the client before closing. */
  readonly pingTimeoutMs: number;
  /** undefined: no flood control (tests that flood on purpose). */
  readonly flood: FloodSettings | undefined;
}

export const CHAT_SETTINGS: InjectionToken<ChatSettings> = Symbol('chat.settings');

export const defaultFlood: FloodSettings = { burst: 10, perSecond: 2, maxQueued: 50 };

/** Settings with defaults filled in; human text given as JS strings is turned into IRC's latin1 form here, once. */
export function chatSettings(given: Partial<ChatSettings> = {}): ChatSettings {
  return {
    serverName: toIrcString(given.serverName ?? 'weir.local'),
    network: toIrcString(given.network ?? 'Weir'),
    version: given.version ?? 'weir-chat-0.1.0',
    createdAt: given.createdAt ?? new Date(),
    password: given.password === undefined ? undefined : toIrcString(given.password),
    motd: given.motd,
    maxChannels: given.maxChannels ?? 20,
    nickLen: given.nickLen ?? 30,
    channelLen: given.channelLen ?? 50,
    topicLen: given.topicLen ?? 390,
    maxBans: given.maxBans ?? 50,
    modesPerCommand: given.modesPerCommand ?? 6,
    pingIntervalMs: given.pingIntervalMs ?? 120_000,
    pingTimeoutMs: given.pingTimeoutMs ?? 120_000,
    flood: 'flood' in given ? given.flood : defaultFlood,
  };
}
