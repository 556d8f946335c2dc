import { startService, type RunningService } from '@weir/testing';
import { echoServerOptions } from '../echo.service';
import { BytePeer } from './support/byte-peer';
import { capturedLog, type CapturedLog } from '@weir/testing';
import { settledMemory } from '@weir/testing';
import { sleep, until } from '@weir/testing';

// A client that writes and never reads: every byte it sends is owed back to
// it. The server must stop reading it (its own buffer stays near the
// high-water mark) instead of holding everything the client sent.

const CHUNK = Buffer.alloc(64 * 1024, 'n');
/** What the client tries to push; far past what the kernels on both ends buffer. */
const ATTEMPT_BYTES = 48 * 1024 * 1024;
/** The high-water mark (256 KiB) plus a read or two: the server's own buffer must stay under this. */
const PENDING_BOUND = 1024 * 1024;
const HEAP_GROWTH_MB = 24;

describe('echo and a client that never reads', () => {
  let log: CapturedLog;
  let service: RunningService<Buffer, Buffer, Buffer, Buffer>;

  beforeEach(async () => {
    log = capturedLog();
    service = await startService({ ...echoServerOptions(), logger: log.logger });
  });

  afterEach(() => service.close());

  it('stops reading it, keeps its own buffer bounded, and serves others meanwhile', async () => {
    const before = await settledMemory();
    const hog = await BytePeer.open(service.port);
    hog.socket.pause();

    // Push until the client's own socket holds 8 MB it cannot hand over: by
    // then the server has stopped reading it. Bounded both in bytes and in rounds.
    let pushed = 0;
    let maxPending = 0;
    let pausedSeen = false;
    for (let round = 0; round < 2000 && pushed < ATTEMPT_BYTES && hog.socket.writableLength < 8 * 1024 * 1024; round++) {
      for (let i = 0; i < 8; i++, pushed += CHUNK.length) hog.socket.write(CHUNK);
      await sleep(2);
      const stats = service.server.stats();
      maxPending = Math.max(maxPending, stats.pendingOutputBytes);
      pausedSeen ||= stats.paused === 1;
    }
    expect(pausedSeen).toBe(true);
    expect(hog.socket.writableLength).toBeGreaterThan(0);
    expect(maxPending).toBeLessThan(PENDING_BOUND);
    expect(service.server.stats().pendingOutputBytes).toBeLessThan(PENDING_BOUND);

    // Meanwhile another client is served as usual.
    const other = await BytePeer.open(service.port);
    other.socket.write('still here\n');
    expect((await other.waitForBytes(11)).toString()).toBe('still here\n');

    const duringHeapMb = (await settledMemory()).heapMb;
    // The client's 8 MB sit in this test process too; the server's share must be small.
    expect(duringHeapMb - before.heapMb).toBeLessThan(HEAP_GROWTH_MB);

    await Promise.all([hog.destroy(), other.destroy()]);
    await until(() => service.server.connectionCount === 0, 'both connections to close');
    expect(service.server.stats()).toMatchObject({ paused: 0, pendingOutputBytes: 0, liveContainers: 0 });
    expect(log.errors()).toEqual([]);
  });
});
