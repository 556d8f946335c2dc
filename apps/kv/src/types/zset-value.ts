import type { TypedValue } from '../keyspace/stored-value';
import { lexGteMin, lexLteMax, type LexRange } from './lex-range';
import { SCAN_TABLE_ENTRY_OVERHEAD, ScanTable } from './scan-table';
import { scoreGteMin, scoreLteMax, type ScoreRange } from './score-range';
import { SkipList, type SkipListNode } from './skip-list';

/** A member with its score, as ranges give them. */
export interface ScoredMember {
  readonly member: string;
  readonly score: number;
}

/** Where ZRANGE ... LIMIT offset count starts and how many it takes (count < 0: all). */
export interface RangeLimit {
  readonly offset: number;
  readonly count: number;
}

const NO_LIMIT: RangeLimit = { offset: 0, count: -1 };

/**
 * A Redis sorted set: a skip list ordered by (score, member) for ranks and
 * ranges, and a member → score table for O(1) ZSCORE and for ZSCAN (see
 * ScanTable for why the SCAN cursor never misses a member). Members are latin1
 * strings. Ranks are 0-based here, as the commands speak them.
 */
export class ZSetValue implements TypedValue {
  readonly type = 'zset' as const;
  private readonly scores = new ScanTable<number>();
  private readonly list = new SkipList();

  get size(): number {
    return this.scores.size;
  }

  score(member: string): number | undefined {
    return this.scores.get(member);
  }

  /**
   * Adds a member or moves it to a new score. -0 is stored as 0, as Redis's
   * small (listpack) sorted sets do, so ZSCORE never says "-0".
   * Returns 'added', 'updated' or 'unchanged'.
   */
  add(member: string, score: number): 'added' | 'updated' | 'unchanged' {
    const stored = score === 0 ? 0 : score;
    const current = this.scores.get(member);
    if (current === undefined) {
      this.scores.set(member, stored);
      this.list.insert(stored, member);
      return 'added';
    }
    if (current === stored) return 'unchanged';
    this.list.updateScore(current, member, stored);
    this.scores.set(member, stored);
    return 'updated';
  }

  remove(member: string): boolean {
    const current = this.scores.get(member);
    if (current === undefined) return false;
    this.scores.delete(member);
    this.list.delete(current, member);
    return true;
  }

  /** 0-based rank from the lowest score (or from the highest when reverse), undefined if absent. */
  rank(member: string, reverse = false): number | undefined {
    const score = this.scores.get(member);
    if (score === undefined) return undefined;
    const rank = this.list.rank(score, member);
    return reverse ? this.size - rank : rank - 1;
  }

  /** Members at ranks start..stop (0-based, inclusive, already clamped to the set). */
  rangeByRank(start: number, stop: number, reverse = false): ScoredMember[] {
    const out: ScoredMember[] = [];
    if (start > stop || start >= this.size) return out;
    let node = this.list.byRank(reverse ? this.size - start : start + 1);
    for (let n = stop - start + 1; n > 0 && node !== null; n--) {
      out.push({ member: node.member, score: node.score });
      node = reverse ? node.backward : node.forward[0];
    }
    return out;
  }

  /** Members with scores in range, lowest first (highest first when reverse), after LIMIT. */
  rangeByScore(range: ScoreRange, reverse = false, limit: RangeLimit = NO_LIMIT): ScoredMember[] {
    const start = reverse ? this.list.lastInScoreRange(range) : this.list.firstInScoreRange(range);
    return this.walk(start, reverse, limit, (node) => (reverse ? scoreGteMin(node.score, range) : scoreLteMax(node.score, range)));
  }

  /** Members in a lex range (meaningful when all scores are equal), after LIMIT. */
  rangeByLex(range: LexRange, reverse = false, limit: RangeLimit = NO_LIMIT): ScoredMember[] {
    const start = reverse ? this.list.lastInLexRange(range) : this.list.firstInLexRange(range);
    return this.walk(start, reverse, limit, (node) => (reverse ? lexGteMin(node.member, range) : lexLteMax(node.member, range)));
  }

  /** How many members have scores in range: a difference of two ranks, O(log n). */
  countInScoreRange(range: ScoreRange): number {
    const first = this.list.firstInScoreRange(range);
    if (first === null) return 0;
    const last = this.list.lastInScoreRange(range) as SkipListNode;
    return this.list.rank(last.score, last.member) - this.list.rank(first.score, first.member) + 1;
  }

  /** Removes and returns up to `count` members from the low end (or the high end when fromMax). */
  pop(count: number, fromMax = false): ScoredMember[] {
    const out: ScoredMember[] = [];
    while (out.length < count) {
      const node = fromMax ? this.list.last : this.list.first;
      if (node === null) break;
      out.push({ member: node.member, score: node.score });
      this.remove(node.member);
    }
    return out;
  }

  *entries(): IterableIterator<ScoredMember> {
    for (let node = this.list.first; node !== null; node = node.forward[0]) yield { member: node.member, score: node.score };
  }

  /** A member chosen uniformly at random (ZRANDMEMBER), undefined when empty. */
  randomKey(random?: () => number): string | undefined {
    return this.scores.randomKey(random);
  }

  /** Members in insertion order (cheap; use entries() for score order). */
  keys(): IterableIterator<string> {
    return this.scores.keys();
  }

  /** ZSCAN: see ScanTable.scan. */
  scan(cursor: number, count: number, visit: (member: string, score: number) => void): number {
    return this.scores.scan(cursor, count, visit);
  }

  memoryUsage(): number {
    let bytes = 96;
    for (const member of this.scores.keys()) bytes += member.length + SCAN_TABLE_ENTRY_OVERHEAD + 96;
    return bytes;
  }

  clone(): ZSetValue {
    const copy = new ZSetValue();
    for (const { member, score } of this.entries()) copy.add(member, score);
    return copy;
  }

  private walk(
    start: SkipListNode | null,
    reverse: boolean,
    limit: RangeLimit,
    inRange: (node: SkipListNode) => boolean,
  ): ScoredMember[] {
    const out: ScoredMember[] = [];
    let node = start;
    // Redis walks the offset too (LIMIT's offset costs O(offset)), so do we.
    for (let skip = limit.offset; skip > 0 && node !== null && inRange(node); skip--) node = reverse ? node.backward : node.forward[0];
    for (let left = limit.count; left !== 0 && node !== null && inRange(node); left--) {
      out.push({ member: node.member, score: node.score });
      node = reverse ? node.backward : node.forward[0];
    }
    return out;
  }
}
