import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT_CONFIG, runService, type RunningApp } from '@weir/core';
import type { IrcMessage } from '@weir/codecs';
import { CHAT_DEFAULT_PORT, chatService } from './chat.service';
import { RawIrcClient } from './testing/raw-irc-client';

/** The chat app as its process runs it: runService with argv, minus the process itself. */
describe('the chat app (runService)', () => {
  let signalListeners: Record<'SIGINT' | 'SIGTERM', NodeJS.SignalsListener[]>;
  let app: RunningApp<IrcMessage, IrcMessage> | undefined;
  const clients: RawIrcClient[] = [];

  beforeEach(() => {
    signalListeners = {
      SIGINT: process.listeners('SIGINT') as NodeJS.SignalsListener[],
      SIGTERM: process.listeners('SIGTERM') as NodeJS.SignalsListener[],
    };
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await app?.stop();
    app = undefined;
    // runService installs SIGINT/SIGTERM handlers for the real process; drop ours.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal) as NodeJS.SignalsListener[]) {
        if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
      }
    }
    process.exitCode = undefined;
  });

  async function client(): Promise<RawIrcClient> {
    const raw = await RawIrcClient.connect(app?.address.port ?? 0);
    clients.push(raw);
    return raw;
  }

  it('defaults to port 6667', () => {
    expect(chatService.defaultPort).toBe(CHAT_DEFAULT_PORT);
    expect(CHAT_DEFAULT_PORT).toBe(6667);
  });

  it('serves with --password, --motd (bytes as in the file), --server-name, --network and the limits from flags', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'weir-chat-'));
    const motd = join(dir, 'motd.txt');
    writeFileSync(motd, 'first line\nsecond — line\n');
    app = await runService(
      chatService,
      ['--port', '0', '--log-level', 'silent', '--password', 'pw', '--motd', motd, '--server-name', 'irc.example', '--network', 'Example', '--nick-len', '5'],
      {},
    );
    const raw = await client();
    raw.send('PASS pw');
    const burst = await raw.register('short');
    expect(burst[0]).toMatchObject({ prefix: 'irc.example', command: '001', params: ['short', 'Welcome to the Example Network, short!short@127.0.0.1'] });
    expect(burst.find((m) => m.command === '005')?.params).toContain('NICKLEN=5');
    const lines = burst.filter((m) => m.command === '372').map((m) => Buffer.from(m.params[1], 'latin1').toString('utf8'));
    expect(lines).toEqual(['- first line', '- second — line']);
    raw.send('NICK toolong');
    expect((await raw.next()).command).toBe('432');
  });

  it('refuses an unreadable --motd with the configuration exit status', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const result = await runService(chatService, ['--port', '0', '--log-level', 'silent', '--motd', '/nonexistent/motd'], {});
      expect(result).toBeUndefined();
      expect(process.exitCode).toBe(EXIT_CONFIG);
      expect(String(stderr.mock.calls[0]?.[0])).toContain('--motd');
    } finally {
      stderr.mockRestore();
    }
  });
});
