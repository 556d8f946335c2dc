import * as net from 'node:net';
import type { Subscription } from 'rxjs';
import { linesCodec } from '@weir/codecs';
import type { Connection } from './connection';
import { Handle, Plugin } from './plugin';
import { backoffDelay, reconnecting } from './reconnect';
import { Requester } from './requester';
import { createServer, type WeirServer } from './server';
import { EVENTUALLY_MS, until } from './testing/harness';

@Plugin()
class Upper {
  @Handle('message')
  upper(line: string): string {
    return line.toUpperCase();
  }
}

const serve = async (port = 0): Promise<{ server: WeirServer<string, string>; port: number }> => {
  const server = createServer({ codec: linesCodec(), plugins: [Upper], port });
  return { server, port: (await server.listen()).port };
};

/** A port nothing listens on (taken, then freed). */
const freePort = async (): Promise<number> => {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
};

describe('backoffDelay', () => {
  const exact = { jitter: 0 };

  it('grows by the factor from the initial delay, and is capped', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, exact))).toEqual([100, 200, 400, 800]);
    expect([0, 1, 2].map((n) => backoffDelay(n, { ...exact, initialDelayMs: 10, factor: 3 }))).toEqual([10, 30, 90]);
    expect(backoffDelay(30, { ...exact, maxDelayMs: 5000 })).toBe(5000);
    expect(backoffDelay(100, exact)).toBe(30_000);
  });

  it('draws the jittered share at random, never above the base delay', () => {
    expect(backoffDelay(2, { jitter: 0.5 }, () => 0)).toBe(200);
    expect(backoffDelay(2, { jitter: 0.5 }, () => 1)).toBe(400);
    expect(backoffDelay(2, { jitter: 1 }, () => 0.25)).toBe(100);
    for (let attempt = 0; attempt < 20; attempt++) {
      const delay = backoffDelay(attempt, { maxDelayMs: 1000 });
      expect(delay).toBeGreaterThanOrEqual(Math.min(1000, 100 * 2 ** attempt) / 2);
      expect(delay).toBeLessThanOrEqual(1000);
    }
  });
});

describe('reconnecting', () => {
  let subscription: Subscription | undefined;
  afterEach(() => subscription?.unsubscribe());

  it('comes back after the server restarts on the same port', async () => {
    const first = await serve();
    const connections: Connection<string, string>[] = [];
    subscription = reconnecting(
      { port: first.port, codec: linesCodec() },
      { initialDelayMs: 10, maxDelayMs: 50, maxAttempts: 100 },
    ).subscribe((connection) => connections.push(connection));
    await until(() => connections.length === 1, 'first connection');
    expect(await new Requester(connections[0]).request('one')).toBe('ONE');

    await first.server.close(500);
    await until(() => connections[0].isClosed, 'the drop');
    const second = await serve(first.port);
    try {
      await until(() => connections.length === 2, 'a new connection');
      expect(await new Requester(connections[1]).request('two')).toBe('TWO');
      // Unsubscribing stops the retries and closes the current connection.
      subscription.unsubscribe();
      await until(() => connections[1].isClosed, 'the current connection to close');
      expect(connections).toHaveLength(2);
    } finally {
      await second.server.close(500);
    }
  });

  it('gives up after maxAttempts failures in a row', async () => {
    const port = await freePort();
    const failure = new Promise<Error>((resolve) => {
      subscription = reconnecting({ port, codec: linesCodec() }, { initialDelayMs: 1, maxDelayMs: 5, maxAttempts: 3 }).subscribe({
        error: resolve,
      });
    });
    const bound = new Promise<string>((resolve) => setTimeout(resolve, EVENTUALLY_MS, 'still trying').unref());
    const result = await Promise.race([failure, bound]);
    expect(result).toBeInstanceOf(Error);
    expect((result as Error).message).toBe(`gave up after 3 attempts to reach 127.0.0.1:${port}`);
  });
});
