import type { IrcMessage } from '@weir/codecs';
import { startService, type RunningService } from '@weir/testing';
import { chatServerOptions, type ChatServerLimits } from '../chat-server-options';
import { chatSettings, type ChatSettings } from '../settings/chat-settings';
import { RawIrcClient } from './raw-irc-client';

export interface RunningChat {
  readonly service: RunningService<IrcMessage, IrcMessage, IrcMessage, IrcMessage>;
  readonly port: number;
  /** A raw client; `register` (the default) sends NICK/USER and waits for the end of the MOTD. */
  raw(nick?: string): Promise<RawIrcClient>;
  close(): Promise<void>;
}

/**
 * The chat server on 127.0.0.1 and an ephemeral port, for tests. Flood control
 * is off unless a test asks for it, so tests can send as fast as they like.
 */
export async function startChat(settings: Partial<ChatSettings> = {}, limits: ChatServerLimits = {}): Promise<RunningChat> {
  const service = await startService(chatServerOptions(chatSettings({ flood: undefined, ...settings }), limits));
  const raws: RawIrcClient[] = [];
  return {
    service,
    port: service.port,
    async raw(nick?: string) {
      const client = await RawIrcClient.connect(service.port);
      raws.push(client);
      if (nick !== undefined) await client.register(nick);
      return client;
    },
    async close() {
      await Promise.all(raws.map((client) => client.close()));
      await service.close();
    },
  };
}
