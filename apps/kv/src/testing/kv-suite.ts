import type Redis from 'ioredis';
import type { KvSettings } from '../kv-config';
import type { KvSetup } from '../kv-server';
import { call, startKv, type RawClient, type RunningKv } from './start-kv';

/** What a suite's tests talk to: the server, an ioredis client and a raw RESP client on it. */
export interface KvSuite {
  readonly kv: RunningKv;
  readonly redis: Redis;
  readonly raw: RawClient;
}

/**
 * One kv for the enclosing `describe`: started before its tests, stopped after
 * them; before each test every database is flushed and the raw client is put
 * back on RESP2 (a test may have said HELLO 3). `use` gets the suite once it
 * runs, for the `let`s the tests read:
 *
 *     useKvSuite((suite) => ({ kv, redis, raw } = suite));
 */
export function useKvSuite(use: (suite: KvSuite) => void, settings: KvSettings = {}, setup: KvSetup = {}): void {
  let suite: KvSuite | undefined;
  beforeAll(async () => {
    const kv = await startKv(settings, setup);
    suite = { kv, redis: kv.redis(), raw: await kv.raw() };
    use(suite);
  });
  afterAll(() => suite?.kv.stop());
  beforeEach(async () => {
    const { redis, raw } = suite as KvSuite;
    await redis.flushall();
    await call(raw, 'HELLO', '2');
  });
}
