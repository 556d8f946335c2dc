import fc from 'fast-check';
import type { LexRange } from './lex-range';
import type { ScoreRange } from './score-range';
import { SkipList, type SkipListNode } from './skip-list';

interface Entry {
  score: number;
  member: string;
}

const order = (a: Entry, b: Entry) => a.score - b.score || (a.member < b.member ? -1 : a.member > b.member ? 1 : 0);

/** The list's nodes in level-0 order, checking the backward links on the way. */
function walk(list: SkipList): Entry[] {
  const out: Entry[] = [];
  let previous: SkipListNode | null = null;
  for (let node = list.first; node !== null; node = node.forward[0]) {
    expect(node.backward).toBe(previous);
    out.push({ score: node.score, member: node.member });
    previous = node;
  }
  expect(list.last).toBe(previous);
  return out;
}

type Op =
  | { kind: 'insert'; score: number; member: string }
  | { kind: 'delete'; pick: number }
  | { kind: 'update'; pick: number; score: number };

const member = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', '\u00ff', '\u0000'), maxLength: 3 });
const score = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(-Infinity, Infinity, 0.5, -2.25));
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('insert' as const), score, member }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('update' as const), pick: fc.nat(), score }) },
);
const bound = fc.record({ value: score, exclusive: fc.boolean() });
const lexBound = fc.oneof(
  fc.constant({ kind: 'min' as const }),
  fc.constant({ kind: 'max' as const }),
  fc.record({ kind: fc.constant('member' as const), value: member, exclusive: fc.boolean() }),
);

function inScoreRange(entry: Entry, range: ScoreRange): boolean {
  const aboveMin = range.minExclusive ? entry.score > range.min : entry.score >= range.min;
  const belowMax = range.maxExclusive ? entry.score < range.max : entry.score <= range.max;
  return aboveMin && belowMax;
}

function inLexRange(entry: Entry, range: LexRange): boolean {
  const { min, max } = range;
  const aboveMin = min.kind === 'min' || (min.kind === 'member' && (min.exclusive ? entry.member > min.value : entry.member >= min.value));
  const belowMax = max.kind === 'max' || (max.kind === 'member' && (max.exclusive ? entry.member < max.value : entry.member <= max.value));
  return aboveMin && belowMax;
}

describe('SkipList against a sorted array', () => {
  it('keeps order, ranks, rank lookups and score/lex ranges right through inserts, deletes and moves', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 120 }), bound, bound, lexBound, lexBound, (ops, lo, hi, lexLo, lexHi) => {
        const list = new SkipList();
        let model: Entry[] = [];
        for (const step of ops) {
          if (step.kind === 'insert') {
            if (model.some((e) => e.member === step.member)) continue;
            list.insert(step.score, step.member);
            model.push({ score: step.score, member: step.member });
          } else if (model.length > 0) {
            const victim = model[step.pick % model.length];
            if (step.kind === 'delete') {
              expect(list.delete(victim.score, victim.member)).toBe(true);
              model = model.filter((e) => e !== victim);
            } else {
              const node = list.updateScore(victim.score, victim.member, step.score);
              expect(node.score).toBe(step.score);
              victim.score = step.score;
            }
          }
          model.sort(order);
          expect(list.length).toBe(model.length);
        }
        expect(walk(list)).toEqual(model);
        model.forEach((entry, i) => {
          expect(list.rank(entry.score, entry.member)).toBe(i + 1);
          expect(list.byRank(i + 1)?.member).toBe(entry.member);
        });
        expect(list.byRank(0)).toBeNull();
        expect(list.byRank(model.length + 1)).toBeNull();
        expect(list.rank(0.125, 'absent')).toBe(0);
        expect(list.delete(0.125, 'absent')).toBe(false);

        const range: ScoreRange = { min: lo.value, max: hi.value, minExclusive: lo.exclusive, maxExclusive: hi.exclusive };
        const inScore = model.filter((e) => inScoreRange(e, range));
        expect(list.firstInScoreRange(range)?.member).toBe(inScore[0]?.member);
        expect(list.lastInScoreRange(range)?.member).toBe(inScore[inScore.length - 1]?.member);

        const lexRange: LexRange = { min: lexLo, max: lexHi };
        // Lex ranges are defined on sets whose scores are all equal; test on that shape.
        const flat = new SkipList();
        const flatModel = [...new Set(model.map((e) => e.member))].sort().map((m) => ({ score: 0, member: m }));
        flatModel.forEach((e) => flat.insert(0, e.member));
        const inLex = flatModel.filter((e) => inLexRange(e, lexRange));
        expect(flat.firstInLexRange(lexRange)?.member).toBe(inLex[0]?.member);
        expect(flat.lastInLexRange(lexRange)?.member).toBe(inLex[inLex.length - 1]?.member);
      }),
      { numRuns: 300 },
    );
  });

  it('moves a node in place when its neighbours still bracket the new score', () => {
    const list = new SkipList();
    list.insert(1, 'a');
    const b = list.insert(2, 'b');
    list.insert(3, 'c');
    expect(list.updateScore(2, 'b', 2.5)).toBe(b);
    expect(list.updateScore(2.5, 'b', 4)).not.toBe(b);
    expect(walk(list).map((e) => e.member)).toEqual(['a', 'c', 'b']);
  });

  it('orders equal scores by member bytes (latin1: 0xff after 0x7f)', () => {
    const list = new SkipList();
    for (const m of ['\u00ff', 'b', '\u0000', 'B', 'ba']) list.insert(7, m);
    expect(walk(list).map((e) => e.member)).toEqual(['\u0000', 'B', 'b', 'ba', '\u00ff']);
  });

  it('stays O(log n) deep: ranks of 100,000 members are right', () => {
    const list = new SkipList();
    for (let i = 0; i < 100_000; i++) list.insert(i % 1000, `m${i}`);
    expect(list.length).toBe(100_000);
    const node = list.byRank(50_001) as SkipListNode;
    expect(list.rank(node.score, node.member)).toBe(50_001);
  });
});
