import type { IrcMessage } from '@weir/codecs';
import type { Connection, ServerEvent } from '@weir/core';
import { startService, type RunningService } from '@weir/testing';
import { chatServerOptions } from '../chat-server-options';
import { chatSettings } from '../settings/chat-settings';
import { RawIrcClient } from '../testing/raw-irc-client';
import { capturedLog, type CapturedLog } from '@weir/testing';
import { IrcSocket } from './support/irc-socket';
import { settledMemory } from '@weir/testing';
import { until } from '@weir/testing';

// A member of a busy channel that stops reading: every line said in the
// channel is owed to it. Once the kernel's buffers are full the server holds
// the rest, up to the send queue (--sendq), then cuts the member off with
// reason 'output-limit'; the channel hears "SendQ exceeded" and carries on.

const SENDQ = 256 * 1024;
/** One line said in the channel, with its prefix, as each member gets it. */
const TEXT = 'z'.repeat(400);
const BATCH = 50;
/** Bounds the flood: far more than the kernels on both ends can hold for one reader. */
const MAX_BATCHES = 2000;
const READERS = 3;
/** Generous: the heap after GC is exact to a few MB; RSS keeps what malloc and V8 hold for reuse. */
const HEAP_GROWTH_MB = 24;
const RSS_GROWTH_MB = 256;

describe('chat and a channel member that never reads', () => {
  let log: CapturedLog;
  let service: RunningService<IrcMessage, IrcMessage, IrcMessage, IrcMessage>;
  const closes: Extract<ServerEvent, { type: 'connection-close' }>[] = [];

  beforeAll(async () => {
    log = capturedLog();
    service = await startService({
      ...chatServerOptions(chatSettings({ flood: undefined }), { sendQueueBytes: SENDQ }),
      logger: log.logger,
    });
    service.server.events$.subscribe((event) => event.type === 'connection-close' && closes.push(event));
  });

  afterAll(() => service.close());

  it('cuts it off at its send queue, holding no more than that for it, while the others keep getting every line', async () => {
    const before = await settledMemory();
    const sleeper = await IrcSocket.open(service.port);
    await sleeper.registerAndJoin('sleepy', '#busy');
    const readers = await Promise.all(Array.from({ length: READERS }, () => IrcSocket.open(service.port)));
    await Promise.all(readers.map((reader, i) => reader.registerAndJoin(`reader${i}`, '#busy')));
    for (const reader of readers) reader.keepText = false;
    const linesBefore = readers.map((reader) => reader.lines);
    const talker = await RawIrcClient.connect(service.port);
    await talker.register('talker');
    talker.send('JOIN #busy');
    await talker.until('366');
    sleeper.stopReading();

    const sleeperConnection = [...service.server.connections()].find((c) => c.remotePort === sleeper.localPort) as Connection<IrcMessage, IrcMessage>;
    let maxSleeperPending = 0;
    let maxTotalPending = 0;
    let said = 0;
    for (let batch = 0; batch < MAX_BATCHES && !sleeperConnection.isClosed; batch++) {
      for (let i = 0; i < BATCH; i++, said++) talker.send(`PRIVMSG #busy :${TEXT}`);
      // Let the server handle the batch and the readers read it.
      await talker.sync();
      if (!sleeperConnection.isClosed) maxSleeperPending = Math.max(maxSleeperPending, sleeperConnection.pendingOutputBytes);
      maxTotalPending = Math.max(maxTotalPending, service.server.stats().pendingOutputBytes);
    }
    expect(sleeperConnection.isClosed).toBe(true);
    // A paused socket notices nothing, not even a reset: read again to see the end.
    sleeper.socket.resume();
    await until(() => sleeper.isClosed, 'the sleeper to see the close');

    const cut = closes.find((event) => event.connection.remotePort === sleeper.localPort);
    expect(cut?.reason.kind).toBe('output-limit');
    // It was held up to its send queue, never more than a line past it.
    expect(maxSleeperPending).toBeLessThanOrEqual(SENDQ + 1024);
    expect(maxTotalPending).toBeLessThanOrEqual((READERS + 2) * (SENDQ + 1024));
    const heardQuit = (await talker.until('QUIT')).pop();
    expect(heardQuit).toMatchObject({ prefix: 'sleepy!sleepy@127.0.0.1', params: ['SendQ exceeded'] });

    // The channel carries on: every reader gets every line, the last one included.
    talker.send('PRIVMSG #busy :the last line');
    said++;
    for (const [i, reader] of readers.entries()) {
      await reader.waitFor('PRIVMSG #busy :the last line\r\n', 'a reader to get the last line');
      expect(reader.isClosed).toBe(false);
      // Every PRIVMSG, plus the talker's JOIN and the sleeper's QUIT.
      expect(reader.lines - linesBefore[i]).toBe(said + 2);
    }
    expect(closes.filter((event) => event.reason.kind === 'output-limit')).toHaveLength(1);

    const during = await settledMemory();
    expect(during.heapMb - before.heapMb).toBeLessThan(HEAP_GROWTH_MB);
    expect(during.rssMb - before.rssMb).toBeLessThan(RSS_GROWTH_MB);
    await Promise.all([...readers.map((reader) => reader.destroy()), talker.close()]);
    await until(() => service.server.connectionCount === 0, 'every connection to close');
    expect(service.server.stats()).toMatchObject({ pendingOutputBytes: 0, liveContainers: 0, paused: 0 });
    expect(log.errors()).toEqual([]);
  }, 60_000);
});
