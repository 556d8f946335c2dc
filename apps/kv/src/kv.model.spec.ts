import fc from 'fast-check';
import type { RespReply } from '@weir/codecs';
import { call, startKv, type RunningKv } from './testing/start-kv';
import { bulk, errorOf, int } from './testing/reply-shapes';

/**
 * Random sequences of string and key commands against kv and against a
 * plain in-test model of Redis's semantics: the replies must match, one by
 * one. TTLs are long (nothing expires during a run), so TTL replies compare
 * as -2, -1 or "some positive number".
 */
type Entry = { value: Buffer; ttl: boolean };
type Model = Map<string, Entry>;

const OK: RespReply = { type: 'simple', value: 'OK' };
const NIL: RespReply = { type: 'bulk', value: null };
const NOT_INTEGER = errorOf('ERR value is not an integer or out of range');

function asInteger(value: Buffer): number | undefined {
  const text = value.toString('latin1');
  if (!/^(0|-?[1-9]\d{0,15})$/.test(text)) return undefined;
  return Number(text);
}

const keys = fc.constantFrom('a', 'b', 'c', 'd');
const values = fc.constantFrom('0', '1', '-5', '10', '007', 'x', 'hello', '', ' 1', 'a b');
const small = fc.integer({ min: -8, max: 8 });

const command: fc.Arbitrary<string[]> = fc.oneof(
  fc.tuple(fc.constant('SET'), keys, values, fc.constantFrom([], ['NX'], ['XX'], ['GET'], ['NX', 'GET'], ['XX', 'GET'], ['EX', '1000'], ['KEEPTTL'])).map(
    ([c, k, v, opts]) => [c, k, v, ...opts],
  ),
  fc.tuple(fc.constantFrom('GET', 'DEL', 'EXISTS', 'INCR', 'DECR', 'STRLEN', 'GETDEL', 'TYPE', 'TTL', 'PERSIST'), keys).map((t) => [...t]),
  fc.tuple(fc.constantFrom('INCRBY', 'DECRBY'), keys, small).map(([c, k, n]) => [c, k, String(n)]),
  fc.tuple(fc.constantFrom('APPEND', 'GETSET', 'SETNX'), keys, values).map((t) => [...t]),
  fc.tuple(fc.constant('GETRANGE'), keys, small, small).map(([c, k, a, b]) => [c, k, String(a), String(b)]),
  fc.tuple(fc.constant('SETRANGE'), keys, fc.integer({ min: 0, max: 6 }), values).map(([c, k, o, v]) => [c, k, String(o), v]),
  fc.tuple(fc.constantFrom('MSET', 'MSETNX'), keys, values, keys, values).map((t) => [...t]),
  fc.tuple(fc.constant('MGET'), keys, keys, keys).map((t) => [...t]),
  fc.tuple(fc.constantFrom('RENAME', 'RENAMENX', 'COPY'), keys, keys).map((t) => [...t]),
  fc.tuple(fc.constant('EXPIRE'), keys, fc.constantFrom('1000', '2000')).map((t) => [...t]),
  fc.constant(['DBSIZE'] as string[]),
);

/** What Redis answers, computed from the model (which it updates). */
function apply(model: Model, args: string[]): RespReply {
  const [name, k, ...rest] = args;
  const get = (key: string) => model.get(key);
  switch (name) {
    case 'SET': {
      const [v, ...opts] = rest;
      const current = get(k);
      const nx = opts.includes('NX');
      const xx = opts.includes('XX');
      const withGet = opts.includes('GET');
      const answer = withGet ? (current ? bulk(current.value) : NIL) : OK;
      if ((nx && current) || (xx && !current)) return withGet ? answer : NIL;
      model.set(k, { value: Buffer.from(v), ttl: opts.includes('EX') || (opts.includes('KEEPTTL') && !!current?.ttl) });
      return answer;
    }
    case 'GET':
      return get(k) ? bulk((get(k) as Entry).value) : NIL;
    case 'DEL':
      return int(model.delete(k) ? 1 : 0);
    case 'EXISTS':
      return int(model.has(k) ? 1 : 0);
    case 'TYPE':
      return { type: 'simple', value: model.has(k) ? 'string' : 'none' };
    case 'TTL':
      return int(!model.has(k) ? -2 : (get(k) as Entry).ttl ? 1 : -1);
    case 'PERSIST': {
      const entry = get(k);
      if (!entry?.ttl) return int(0);
      entry.ttl = false;
      return int(1);
    }
    case 'EXPIRE': {
      const entry = get(k);
      if (!entry) return int(0);
      entry.ttl = true;
      return int(1);
    }
    case 'STRLEN':
      return int(get(k)?.value.length ?? 0);
    case 'GETDEL': {
      const entry = get(k);
      model.delete(k);
      return entry ? bulk(entry.value) : NIL;
    }
    case 'INCR':
    case 'DECR':
    case 'INCRBY':
    case 'DECRBY': {
      const by = name === 'INCR' ? 1 : name === 'DECR' ? -1 : name === 'INCRBY' ? Number(rest[0]) : -Number(rest[0]);
      const entry = get(k);
      const base = entry ? asInteger(entry.value) : 0;
      if (base === undefined) return NOT_INTEGER;
      const sum = base + by;
      model.set(k, { value: Buffer.from(String(sum)), ttl: entry?.ttl ?? false });
      return int(sum);
    }
    case 'APPEND': {
      const entry = get(k);
      const value = Buffer.concat([entry?.value ?? Buffer.alloc(0), Buffer.from(rest[0])]);
      model.set(k, { value, ttl: entry?.ttl ?? false });
      return int(value.length);
    }
    case 'GETSET': {
      const entry = get(k);
      model.set(k, { value: Buffer.from(rest[0]), ttl: false });
      return entry ? bulk(entry.value) : NIL;
    }
    case 'SETNX':
      if (model.has(k)) return int(0);
      model.set(k, { value: Buffer.from(rest[0]), ttl: false });
      return int(1);
    case 'GETRANGE': {
      const value = get(k)?.value ?? Buffer.alloc(0);
      let start = Number(rest[0]);
      let end = Number(rest[1]);
      const length = value.length;
      if (length === 0 || (start < 0 && end < 0 && start > end)) return bulk('');
      if (start < 0) start = Math.max(length + start, 0);
      if (end < 0) end = Math.max(length + end, 0);
      if (end >= length) end = length - 1;
      return start > end ? bulk('') : bulk(value.subarray(start, end + 1));
    }
    case 'SETRANGE': {
      const offset = Number(rest[0]);
      const patch = Buffer.from(rest[1]);
      const entry = get(k);
      if (patch.length === 0) return int(entry?.value.length ?? 0);
      const out = Buffer.alloc(Math.max(entry?.value.length ?? 0, offset + patch.length));
      entry?.value.copy(out);
      patch.copy(out, offset);
      model.set(k, { value: out, ttl: entry?.ttl ?? false });
      return int(out.length);
    }
    case 'MSET':
      model.set(k, { value: Buffer.from(rest[0]), ttl: false });
      model.set(rest[1], { value: Buffer.from(rest[2]), ttl: false });
      return OK;
    case 'MSETNX':
      if (model.has(k) || model.has(rest[1])) return int(0);
      model.set(k, { value: Buffer.from(rest[0]), ttl: false });
      model.set(rest[1], { value: Buffer.from(rest[2]), ttl: false });
      return int(1);
    case 'MGET':
      return { type: 'array', value: [k, ...rest].map((key) => (model.has(key) ? bulk((model.get(key) as Entry).value) : NIL)) };
    case 'RENAME':
    case 'RENAMENX': {
      const entry = get(k);
      const nx = name === 'RENAMENX';
      if (!entry) return errorOf('ERR no such key');
      if (k === rest[0]) return nx ? int(0) : OK;
      if (nx && model.has(rest[0])) return int(0);
      model.delete(k);
      model.set(rest[0], entry);
      return nx ? int(1) : OK;
    }
    case 'COPY': {
      const entry = get(k);
      if (k === rest[0]) return errorOf('ERR source and destination objects are the same');
      if (!entry || model.has(rest[0])) return int(0);
      model.set(rest[0], { ...entry });
      return int(1);
    }
    case 'DBSIZE':
      return int(model.size);
    default:
      throw new Error(`no model for ${name}`);
  }
}

/** TTLs compare by sign only. */
function normalize(args: string[], reply: RespReply): RespReply {
  if (args[0] === 'TTL' && reply.type === 'integer' && Number(reply.value) > 0) return int(1);
  return reply;
}

describe('kv agrees with a model of Redis (string and key commands)', () => {
  let kv: RunningKv;

  beforeAll(async () => {
    kv = await startKv();
  });
  afterAll(() => kv.stop());

  it('gives the model’s reply to every command of random sequences', async () => {
    const raw = await kv.raw();
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 60 }), async (commands) => {
        await call(raw, 'FLUSHALL');
        const model: Model = new Map();
        for (const args of commands) {
          const expected = apply(model, args);
          const actual = normalize(args, await call(raw, ...args));
          if (JSON.stringify(actual) !== JSON.stringify(expected)) {
            throw new Error(`${args.join(' ')}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
          }
        }
      }),
      { numRuns: 300 },
    );
    await raw.close();
  });
});
