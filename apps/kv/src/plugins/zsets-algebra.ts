import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { parseIntercardLimit } from '../args/intercard-limit';
import { parseInteger } from '../args/numbers';
import type { Database } from '../keyspace/database';
import { NOT_INTEGER, SYNTAX, WRONGTYPE } from '../reply/errors';
import { err, int } from '../reply/replies';
import { parseFloatStrict } from '../types/score-range';
import { SetValue } from '../types/set-value';
import { ZSetValue, type ScoredMember } from '../types/zset-value';

/**
 * ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD. Inputs may be
 * sorted sets or plain sets (whose members count with score 1), as in Redis;
 * any other type answers WRONGTYPE.
 */

export type ZSetOperation = 'union' | 'inter' | 'diff';
type Aggregate = 'sum' | 'min' | 'max';

const WEIGHT_NOT_FLOAT = err('ERR weight value is not a float');

const latin1 = (arg: Buffer) => arg.toString('latin1');

/** An input as member → score. */
type Input = ReadonlyMap<string, number> | undefined;

export interface AlgebraRequest {
  readonly inputs: Input[];
  readonly weights: number[];
  readonly aggregate: Aggregate;
  readonly withScores: boolean;
}

/**
 * Parses `numkeys key [key ...] [WEIGHTS w ...] [AGGREGATE SUM|MIN|MAX] [WITHSCORES]`
 * from args[at] (ZDIFF takes only WITHSCORES; the STORE forms no WITHSCORES)
 * and reads the inputs. `name` is the command, lower case, for the error text.
 */
export function parseAlgebra(
  db: Database,
  args: readonly Buffer[],
  at: number,
  operation: ZSetOperation,
  store: boolean,
  name: string,
): AlgebraRequest | RespReply {
  const numkeys = parseInteger(args[at]);
  if (numkeys === undefined) return NOT_INTEGER;
  if (numkeys < 1) return err(`ERR at least 1 input key is needed for '${name}' command`);
  if (numkeys > args.length - at - 1) return SYNTAX;
  const weights = new Array<number>(numkeys).fill(1);
  let aggregate: Aggregate = 'sum';
  let withScores = false;
  for (let i = at + 1 + numkeys; i < args.length; i++) {
    const option = latin1(args[i]).toUpperCase();
    const left = args.length - i - 1;
    if (option === 'WEIGHTS' && operation !== 'diff' && left >= numkeys) {
      for (let w = 0; w < numkeys; w++) {
        const weight = parseFloatStrict(latin1(args[i + 1 + w]));
        if (weight === null) return WEIGHT_NOT_FLOAT;
        weights[w] = weight;
      }
      i += numkeys;
    } else if (option === 'AGGREGATE' && operation !== 'diff' && left >= 1) {
      const how = latin1(args[i + 1]).toLowerCase();
      if (how !== 'sum' && how !== 'min' && how !== 'max') return SYNTAX;
      aggregate = how;
      i++;
    } else if (option === 'WITHSCORES' && !store) {
      withScores = true;
    } else {
      return SYNTAX;
    }
  }
  const inputs = readInputs(db, args.slice(at + 1, at + 1 + numkeys));
  if (!Array.isArray(inputs)) return inputs;
  return { inputs, weights, aggregate, withScores };
}

function readInputs(db: Database, keys: readonly Buffer[]): Input[] | RespReply {
  const inputs: Input[] = [];
  for (const key of keys) {
    const value = db.get(latin1(key));
    if (value === undefined) inputs.push(undefined);
    else if (value instanceof ZSetValue) inputs.push(new Map([...value.entries()].map(({ member, score }) => [member, score])));
    else if (value instanceof SetValue) inputs.push(new Map([...value.keys()].map((member) => [member, 1])));
    else return WRONGTYPE;
  }
  return inputs;
}

/** Redis turns NaN (inf × 0, inf − inf) into 0 wherever weights and aggregation make one. */
const noNaN = (n: number) => (Number.isNaN(n) ? 0 : n);

function combineScores(aggregate: Aggregate, a: number, b: number): number {
  if (aggregate === 'sum') return noNaN(a + b);
  return aggregate === 'min' ? Math.min(a, b) : Math.max(a, b);
}

/** The result, ordered by (score, member) as a sorted set orders it. */
export function computeAlgebra(operation: ZSetOperation, request: AlgebraRequest): ScoredMember[] {
  const { inputs, weights, aggregate } = request;
  const result = new Map<string, number>();
  if (operation === 'union') {
    inputs.forEach((input, i) => {
      if (input === undefined) return;
      for (const [member, score] of input) {
        const weighted = noNaN(score * weights[i]);
        const current = result.get(member);
        result.set(member, current === undefined ? weighted : combineScores(aggregate, current, weighted));
      }
    });
  } else if (operation === 'inter') {
    if (!inputs.some((input) => input === undefined)) {
      const [first, ...rest] = inputs as ReadonlyMap<string, number>[];
      for (const [member, score] of first) {
        let total = noNaN(score * weights[0]);
        let everywhere = true;
        for (let i = 0; i < rest.length && everywhere; i++) {
          const other = rest[i].get(member);
          if (other === undefined) everywhere = false;
          else total = combineScores(aggregate, total, noNaN(other * weights[i + 1]));
        }
        if (everywhere) result.set(member, total);
      }
    }
  } else {
    const [first, ...rest] = inputs;
    if (first !== undefined) for (const [member, score] of first) if (!rest.some((input) => input?.has(member))) result.set(member, score);
  }
  const zset = new ZSetValue();
  for (const [member, score] of result) zset.add(member, score);
  return [...zset.entries()];
}

/** ZINTERCARD numkeys key [key ...] [LIMIT limit]. */
export function zintercard(db: Database, args: readonly Buffer[]): RespReply {
  const numkeys = parseInteger(args[1]);
  if (numkeys === undefined) return NOT_INTEGER;
  if (numkeys < 1) return err("ERR at least 1 input key is needed for 'zintercard' command");
  // SINTERCARD says "Number of keys can't be greater..." here; ZINTERCARD says syntax error.
  if (numkeys > args.length - 2) return SYNTAX;
  const limit = parseIntercardLimit(args, 2 + numkeys);
  if (typeof limit !== 'number') return limit;
  const inputs = readInputs(db, args.slice(2, 2 + numkeys));
  if (!Array.isArray(inputs)) return inputs;
  const count = computeAlgebra('inter', { inputs, weights: new Array<number>(numkeys).fill(1), aggregate: 'sum', withScores: false }).length;
  return int(limit === 0 ? count : Math.min(count, limit));
}
