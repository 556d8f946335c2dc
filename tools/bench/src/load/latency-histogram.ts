/** Values below this are counted exactly, one bucket per microsecond. */
const EXACT_BELOW = 1024;
/** Each power of two above EXACT_BELOW is cut into this many equal buckets: under 0.2% error. */
const SUB_BUCKETS = 512;
const SUB_BITS = 9; // log2(SUB_BUCKETS)
/** Up to 2^31 µs (about 35 minutes); anything longer is counted in the last bucket. */
const MAX_EXPONENT = 30;
const BUCKETS = EXACT_BELOW + (MAX_EXPONENT - 9) * SUB_BUCKETS;

/**
 * Latencies in whole microseconds, HdrHistogram-style: a fixed array of
 * counters, so recording a million requests allocates nothing and rounds from
 * alternating runs merge by adding counters. Exact below 1,024 µs; above,
 * each value is kept to within 1/512 of itself (rounded down), except the
 * maximum, which is kept exactly.
 */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private total = 0;
  private maxValue = 0;

  get count(): number {
    return this.total;
  }

  get max(): number {
    return this.maxValue;
  }

  record(micros: number): void {
    const value = micros > 0 ? Math.floor(micros) : 0;
    this.counts[bucketOf(value)]++;
    this.total++;
    if (value > this.maxValue) this.maxValue = value;
  }

  merge(other: LatencyHistogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += other.counts[i];
    this.total += other.total;
    this.maxValue = Math.max(this.maxValue, other.maxValue);
  }

  /**
   * The nearest-rank percentile: the smallest recorded value (to the bucket's
   * precision) that at least `p`% of the values do not exceed. NaN when empty.
   */
  percentile(p: number): number {
    if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be within 0..100, got ${p}`);
    if (this.total === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil((p / 100) * this.total));
    // The highest bucket in use holds the maximum, which is known exactly.
    const top = bucketOf(this.maxValue);
    let seen = 0;
    for (let i = 0; i < top; i++) {
      seen += this.counts[i];
      if (seen >= rank) return lowestValueOf(i);
    }
    return this.maxValue;
  }
}

export function bucketOf(value: number): number {
  if (value < EXACT_BELOW) return value;
  if (value >= 2 ** (MAX_EXPONENT + 1)) return BUCKETS - 1;
  const exponent = 31 - Math.clz32(value);
  const shift = exponent - SUB_BITS;
  return EXACT_BELOW + (exponent - 10) * SUB_BUCKETS + (Math.floor(value / 2 ** shift) - SUB_BUCKETS);
}

export function lowestValueOf(bucket: number): number {
  if (bucket < EXACT_BELOW) return bucket;
  const above = bucket - EXACT_BELOW;
  const exponent = 10 + Math.floor(above / SUB_BUCKETS);
  const sub = (above % SUB_BUCKETS) + SUB_BUCKETS;
  return sub * 2 ** (exponent - SUB_BITS);
}

/** Nearest-rank percentile of plain numbers (sorted here), the reference the histogram is tested against. */
export function exactPercentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1];
}
