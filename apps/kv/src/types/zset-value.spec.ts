import fc from 'fast-check';
import type { LexBound } from './lex-range';
import type { ScoreRange } from './score-range';
import { ZSetValue, type ScoredMember } from './zset-value';

const order = (a: ScoredMember, b: ScoredMember) => a.score - b.score || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0);
const member = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'x'), minLength: 1, maxLength: 3 });
const score = fc.integer({ min: -4, max: 4 });

type Op = { kind: 'add'; member: string; score: number } | { kind: 'remove'; member: string } | { kind: 'pop'; count: number; max: boolean };
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('add' as const), member, score }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('remove' as const), member }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pop' as const), count: fc.integer({ min: 1, max: 3 }), max: fc.boolean() }) },
);

function sorted(model: Map<string, number>): ScoredMember[] {
  return [...model].map(([m, s]) => ({ member: m, score: s })).sort(order);
}

describe('ZSetValue against a sorted array', () => {
  it('agrees on ranks, rank/score/lex ranges with REV and LIMIT, counts and pops', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.record({ min: score, max: score, minExclusive: fc.boolean(), maxExclusive: fc.boolean() }),
        fc.record({ offset: fc.nat(4), count: fc.integer({ min: -1, max: 4 }) }),
        fc.integer({ min: 0, max: 8 }),
        fc.integer({ min: 0, max: 8 }),
        (ops, range: ScoreRange, limit, start, stop) => {
          const zset = new ZSetValue();
          const model = new Map<string, number>();
          for (const step of ops) {
            if (step.kind === 'add') {
              const before = model.get(step.member);
              expect(zset.add(step.member, step.score)).toBe(before === undefined ? 'added' : before === step.score ? 'unchanged' : 'updated');
              model.set(step.member, step.score);
            } else if (step.kind === 'remove') {
              expect(zset.remove(step.member)).toBe(model.delete(step.member));
            } else {
              const all = sorted(model);
              const expected = (step.max ? all.reverse() : all).slice(0, step.count);
              expect(zset.pop(step.count, step.max)).toEqual(expected);
              expected.forEach((e) => model.delete(e.member));
            }
          }
          const all = sorted(model);
          expect(zset.size).toBe(all.length);
          expect([...zset.entries()]).toEqual(all);
          all.forEach((e, i) => {
            expect(zset.rank(e.member)).toBe(i);
            expect(zset.rank(e.member, true)).toBe(all.length - 1 - i);
            expect(zset.score(e.member)).toBe(e.score);
          });
          const stopAt = Math.min(stop, all.length - 1);
          expect(zset.rangeByRank(start, stopAt)).toEqual(all.slice(start, stopAt + 1));
          expect(zset.rangeByRank(start, stopAt, true)).toEqual([...all].reverse().slice(start, stopAt + 1));

          const inRange = all.filter(
            (e) => (range.minExclusive ? e.score > range.min : e.score >= range.min) && (range.maxExclusive ? e.score < range.max : e.score <= range.max),
          );
          const take = (list: ScoredMember[]) => list.slice(limit.offset, limit.count < 0 ? undefined : limit.offset + limit.count);
          expect(zset.rangeByScore(range, false, limit)).toEqual(take(inRange));
          expect(zset.rangeByScore(range, true, limit)).toEqual(take([...inRange].reverse()));
          expect(zset.countInScoreRange(range)).toBe(inRange.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('ranges by lex over equal scores', () => {
    const zset = new ZSetValue();
    for (const m of ['a', 'b', 'c', 'd', 'e']) zset.add(m, 0);
    const member = (value: string, exclusive = false): LexBound => ({ kind: 'member', value, exclusive });
    const names = (list: ScoredMember[]) => list.map((e) => e.member);
    expect(names(zset.rangeByLex({ min: { kind: 'min' }, max: { kind: 'max' } }))).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(names(zset.rangeByLex({ min: member('b'), max: member('d', true) }))).toEqual(['b', 'c']);
    expect(names(zset.rangeByLex({ min: member('b', true), max: { kind: 'max' } }, true, { offset: 1, count: 2 }))).toEqual(['d', 'c']);
    expect(names(zset.rangeByLex({ min: { kind: 'min' }, max: { kind: 'min' } }))).toEqual([]);
    expect(names(zset.rangeByLex({ min: member('c'), max: member('c') }))).toEqual(['c']);
    expect(names(zset.rangeByLex({ min: member('c', true), max: member('c') }))).toEqual([]);
  });

  it('stores -0 as 0 and clones deeply', () => {
    const zset = new ZSetValue();
    zset.add('m', -0);
    expect(Object.is(zset.score('m'), 0)).toBe(true);
    const copy = zset.clone();
    copy.add('n', 1);
    expect(zset.size).toBe(1);
    expect(copy.size).toBe(2);
    expect(zset.memoryUsage()).toBeGreaterThan(0);
  });
});
