import { lexGteMin, lexLteMax, lexRangeIsEmpty, type LexRange } from './lex-range';
import { scoreGteMin, scoreLteMax, scoreRangeIsEmpty, type ScoreRange } from './score-range';

/** Redis's zskiplist parameters: at most 32 levels, each level a quarter as full as the one below. */
const MAX_LEVEL = 32;
const P = 0.25;

/** One element of a sorted set, linked at `forward.length` levels. */
export interface SkipListNode {
  readonly member: string;
  score: number;
  /** The previous node on level 0, null for the first. */
  backward: SkipListNode | null;
  readonly forward: Array<SkipListNode | null>;
  /** span[i]: how many level-0 steps forward[i] jumps over (its rank minus this node's rank). */
  readonly span: number[];
}

function makeNode(level: number, member: string, score: number): SkipListNode {
  return { member, score, backward: null, forward: new Array<SkipListNode | null>(level).fill(null), span: new Array<number>(level).fill(0) };
}

function randomLevel(): number {
  let level = 1;
  while (level < MAX_LEVEL && Math.random() < P) level++;
  return level;
}

/** (score, member) order: by score, then by the member's bytes. */
function before(node: SkipListNode, score: number, member: string): boolean {
  return node.score < score || (node.score === score && node.member < member);
}

// Scratch space for the path of one operation; JS runs one at a time, so one
// pair serves every list without allocating per insert.
const update = new Array<SkipListNode>(MAX_LEVEL);
const rankAt = new Array<number>(MAX_LEVEL).fill(0);

/**
 * A skip list ordered by (score, member), as Redis's zset keeps one: O(log n)
 * insert, delete, rank and rank lookup (spans count the steps each link jumps),
 * and the first/last node inside a score or lex range. Members are latin1
 * strings, so JS string order is byte order. Ranks here are 1-based, as in Redis.
 */
export class SkipList {
  private readonly head = makeNode(MAX_LEVEL, '', -Infinity);
  private tail: SkipListNode | null = null;
  private level = 1;
  private count = 0;

  get length(): number {
    return this.count;
  }

  get first(): SkipListNode | null {
    return this.head.forward[0];
  }

  get last(): SkipListNode | null {
    return this.tail;
  }

  /** Inserts a member that is not in the list yet. */
  insert(score: number, member: string): SkipListNode {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      rankAt[i] = i === this.level - 1 ? 0 : rankAt[i + 1];
      let next = x.forward[i];
      while (next !== null && before(next, score, member)) {
        rankAt[i] += x.span[i];
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    const level = randomLevel();
    if (level > this.level) {
      for (let i = this.level; i < level; i++) {
        rankAt[i] = 0;
        update[i] = this.head;
        this.head.span[i] = this.count;
      }
      this.level = level;
    }
    const node = makeNode(level, member, score);
    for (let i = 0; i < level; i++) {
      node.forward[i] = update[i].forward[i];
      update[i].forward[i] = node;
      node.span[i] = update[i].span[i] - (rankAt[0] - rankAt[i]);
      update[i].span[i] = rankAt[0] - rankAt[i] + 1;
    }
    for (let i = level; i < this.level; i++) update[i].span[i]++;
    node.backward = update[0] === this.head ? null : update[0];
    const next = node.forward[0];
    if (next !== null) next.backward = node;
    else this.tail = node;
    this.count++;
    return node;
  }

  /** Removes the member with this score; false if it is not there. */
  delete(score: number, member: string): boolean {
    const x = this.findPath(score, member);
    if (x === null || x.score !== score || x.member !== member) return false;
    this.unlink(x);
    return true;
  }

  /** Moves a member from `score` to `newScore`; in place when its neighbours still bracket it. */
  updateScore(score: number, member: string, newScore: number): SkipListNode {
    const x = this.findPath(score, member);
    if (x === null || x.score !== score || x.member !== member) throw new Error('skip list: member not at its score');
    const next = x.forward[0];
    if ((x.backward === null || x.backward.score < newScore) && (next === null || next.score > newScore)) {
      x.score = newScore;
      return x;
    }
    this.unlink(x);
    return this.insert(newScore, member);
  }

  /** The 1-based rank of the member with this score, 0 if it is not there. */
  rank(score: number, member: string): number {
    let rank = 0;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next !== null && (next.score < score || (next.score === score && next.member <= member))) {
        rank += x.span[i];
        x = next;
        next = x.forward[i];
      }
      if (x !== this.head && x.member === member) return rank;
    }
    return 0;
  }

  /** The node at a 1-based rank, or null past either end. */
  byRank(rank: number): SkipListNode | null {
    if (rank < 1 || rank > this.count) return null;
    let traversed = 0;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next !== null && traversed + x.span[i] <= rank) {
        traversed += x.span[i];
        x = next;
        next = x.forward[i];
      }
      if (traversed === rank) return x;
    }
    return null;
  }

  firstInScoreRange(range: ScoreRange): SkipListNode | null {
    return this.firstIn(byScore(range));
  }

  lastInScoreRange(range: ScoreRange): SkipListNode | null {
    return this.lastIn(byScore(range));
  }

  firstInLexRange(range: LexRange): SkipListNode | null {
    return this.firstIn(byLex(range));
  }

  lastInLexRange(range: LexRange): SkipListNode | null {
    return this.lastIn(byLex(range));
  }

  /** The last node strictly before (score, member), filling `update` with the path; null for none. */
  private findPath(score: number, member: string): SkipListNode | null {
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next !== null && before(next, score, member)) {
        x = next;
        next = x.forward[i];
      }
      update[i] = x;
    }
    return x.forward[0];
  }

  /** Unlinks x, whose predecessors at each level are in `update`. */
  private unlink(x: SkipListNode): void {
    for (let i = 0; i < this.level; i++) {
      if (update[i].forward[i] === x) {
        update[i].span[i] += x.span[i] - 1;
        update[i].forward[i] = x.forward[i];
      } else {
        update[i].span[i]--;
      }
    }
    const next = x.forward[0];
    if (next !== null) next.backward = x.backward;
    else this.tail = x.backward;
    while (this.level > 1 && this.head.forward[this.level - 1] === null) this.level--;
    this.count--;
  }

  /** The first node at or above the range's start, if it is inside the range. */
  private firstIn(range: NodeRange): SkipListNode | null {
    if (!this.touches(range)) return null;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next !== null && !range.aboveMin(next)) {
        x = next;
        next = x.forward[i];
      }
    }
    const found = x.forward[0];
    return found !== null && range.belowMax(found) ? found : null;
  }

  /** The last node at or below the range's end, if it is inside the range. */
  private lastIn(range: NodeRange): SkipListNode | null {
    if (!this.touches(range)) return null;
    let x = this.head;
    for (let i = this.level - 1; i >= 0; i--) {
      let next = x.forward[i];
      while (next !== null && range.belowMax(next)) {
        x = next;
        next = x.forward[i];
      }
    }
    return x !== this.head && range.aboveMin(x) ? x : null;
  }

  /** Whether the range can hold any node: not empty, and overlapping [first, last]. */
  private touches(range: NodeRange): boolean {
    if (range.empty) return false;
    const first = this.head.forward[0];
    return this.tail !== null && first !== null && range.aboveMin(this.tail) && range.belowMax(first);
  }
}

/** A score or lex range as the walks need it: whether a node is past its start, and not past its end. */
interface NodeRange {
  readonly empty: boolean;
  aboveMin(node: SkipListNode): boolean;
  belowMax(node: SkipListNode): boolean;
}

function byScore(range: ScoreRange): NodeRange {
  return {
    empty: scoreRangeIsEmpty(range),
    aboveMin: (node) => scoreGteMin(node.score, range),
    belowMax: (node) => scoreLteMax(node.score, range),
  };
}

function byLex(range: LexRange): NodeRange {
  return {
    empty: lexRangeIsEmpty(range),
    aboveMin: (node) => lexGteMin(node.member, range),
    belowMax: (node) => lexLteMax(node.member, range),
  };
}
