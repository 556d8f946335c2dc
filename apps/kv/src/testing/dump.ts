import type Redis from 'ioredis';

/** Every key of every database with its type, value and whether it has a TTL: to compare two servers' data. */
export async function dumpAll(redis: Redis, databases = 16): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (let db = 0; db < databases; db++) {
    await redis.select(db);
    const keys = (await redis.keys('*')).sort();
    for (const key of keys) {
      const type = await redis.type(key);
      let value: unknown;
      if (type === 'string') value = await redis.get(key);
      else if (type === 'list') value = await redis.lrange(key, 0, -1);
      else if (type === 'hash') value = await redis.hgetall(key);
      else if (type === 'set') value = (await redis.smembers(key)).sort();
      else if (type === 'zset') value = await redis.zrange(key, 0, -1, 'WITHSCORES');
      const ttl = await redis.pttl(key);
      out[`${db}/${key}`] = { type, value, ttl: ttl > 0 ? 'volatile' : ttl };
    }
  }
  await redis.select(0);
  return out;
}
