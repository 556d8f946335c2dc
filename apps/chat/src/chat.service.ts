import { Buffer } from 'node:buffer';
import { readFileSync } from 'node:fs';
import type { IrcMessage } from '@weir/codecs';
import type { FlagSpecs, ServiceDefinition } from '@weir/core';
import { ConfigError } from '@weir/core';
import { chatServerOptions } from './chat-server-options';
import { chatSettings } from './settings/chat-settings';

export const CHAT_DEFAULT_PORT = 6667;

const positive = (value: number) => (Number.isInteger(value) && value > 0 ? undefined : `expected a whole number above 0, got ${value}`);
const nonNegative = (value: number) => (value >= 0 && Number.isFinite(value) ? undefined : `expected a number, 0 or more, got ${value}`);
const token = (value: string) => (/^[\x21-\x7e]+$/.test(value) ? undefined : `expected printable ASCII without spaces, got '${value}'`);

export const chatFlags = {
  password: { type: 'string', description: 'Connection password clients must send with PASS', value: 'TEXT' },
  motd: { type: 'string', description: 'Message of the day file (ERR_NOMOTD without one)', value: 'PATH' },
  'server-name': { type: 'string', description: 'Server name in prefixes and numerics', default: 'weir.local', value: 'NAME', validate: token },
  network: { type: 'string', description: 'Network name (NETWORK in 005)', default: 'Weir', value: 'NAME', validate: token },
  'max-per-ip': { type: 'number', description: 'Connections allowed from one address', default: 10, validate: positive },
  'max-channels': { type: 'number', description: 'Channels one user may be on (CHANLIMIT)', default: 20, validate: positive },
  'nick-len': { type: 'number', description: 'Longest nick (NICKLEN)', default: 30, validate: positive },
  'channel-len': { type: 'number', description: 'Longest channel name (CHANNELLEN)', default: 50, validate: positive },
  'topic-len': { type: 'number', description: 'Longest topic, away and kick text (TOPICLEN)', default: 390, validate: positive },
  'ping-interval': { type: 'number', description: 'Seconds of silence before the server PINGs a client', default: 120, value: 'SECS', validate: positive },
  'ping-timeout': { type: 'number', description: 'Seconds to wait for an answer to that PING', default: 120, value: 'SECS', validate: positive },
  'flood-burst': { type: 'number', description: 'Messages a client may send at once (0 = no flood control)', default: 10, validate: nonNegative },
  'flood-rate': { type: 'number', description: 'Messages per second allowed after the burst', default: 2, validate: positive },
  'flood-queue': { type: 'number', description: 'Delayed messages past which a client is cut off (Excess Flood)', default: 50, validate: positive },
  sendq: { type: 'number', description: 'Unread output bytes past which a client is cut off', default: 1048576, value: 'BYTES', validate: positive },
} satisfies FlagSpecs;

/** MOTD lines as bytes (latin1), so a UTF-8 file reaches clients unchanged. */
function readMotd(path: string): string[] {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new ConfigError(`--motd: cannot read '${path}': ${(error as Error).message}`);
  }
  const lines = bytes.toString('latin1').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const chatService: ServiceDefinition<typeof chatFlags, IrcMessage, IrcMessage> = {
  name: 'chat',
  summary: 'an IRC server (RFC 1459/2812, modern IRC) for real IRC clients',
  defaultPort: CHAT_DEFAULT_PORT,
  flags: chatFlags,
  create: (config) => {
    const settings = chatSettings({
      serverName: config.serverName,
      network: config.network,
      password: config.password,
      motd: config.motd === undefined ? undefined : readMotd(config.motd),
      maxChannels: config.maxChannels,
      nickLen: config.nickLen,
      channelLen: config.channelLen,
      topicLen: config.topicLen,
      pingIntervalMs: config.pingInterval * 1000,
      pingTimeoutMs: config.pingTimeout * 1000,
      flood: config.floodBurst > 0 ? { burst: config.floodBurst, perSecond: config.floodRate, maxQueued: config.floodQueue } : undefined,
    });
    return chatServerOptions(settings, { maxPerAddress: config.maxPerIp, sendQueueBytes: config.sendq });
  },
};
