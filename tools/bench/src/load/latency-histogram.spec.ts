import { bucketOf, exactPercentile, LatencyHistogram, lowestValueOf } from './latency-histogram';

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('exactPercentile (nearest rank)', () => {
  const hundred = Array.from({ length: 100 }, (_, i) => i + 1);

  it('gives the value at rank ceil(p/100 * n)', () => {
    expect(exactPercentile(hundred, 50)).toBe(50);
    expect(exactPercentile(hundred, 99)).toBe(99);
    expect(exactPercentile(hundred, 99.5)).toBe(100);
    expect(exactPercentile(hundred, 100)).toBe(100);
    expect(exactPercentile(hundred, 0)).toBe(1);
  });

  it('does not depend on input order, and is NaN for no values', () => {
    expect(exactPercentile([5, 1, 4, 2, 3], 50)).toBe(3);
    expect(exactPercentile([], 50)).toBeNaN();
  });
});

describe('LatencyHistogram', () => {
  it('is exact below 1,024 µs', () => {
    const histogram = new LatencyHistogram();
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    for (const v of values) histogram.record(v);
    for (const p of [1, 10, 50, 90, 99, 99.9, 100]) expect(histogram.percentile(p)).toBe(exactPercentile(values, p));
  });

  it('keeps large values within 1/512 of the exact percentile, rounding down', () => {
    const random = lcg(42);
    const histogram = new LatencyHistogram();
    // Log-uniform from 1 µs to 10 s: every bucket range gets used.
    const values = Array.from({ length: 20_000 }, () => Math.floor(Math.exp(random() * Math.log(10_000_000))));
    for (const v of values) histogram.record(v);
    for (const p of [50, 90, 99, 99.9]) {
      const exact = exactPercentile(values, p);
      const approx = histogram.percentile(p);
      expect(approx).toBeLessThanOrEqual(exact);
      expect(approx).toBeGreaterThanOrEqual(exact * (1 - 1 / 512) - 1);
    }
    expect(histogram.percentile(100)).toBe(Math.max(...values));
    expect(histogram.count).toBe(values.length);
  });

  it('maps every bucket back to a value that falls in it', () => {
    for (const value of [0, 1, 1023, 1024, 1025, 2047, 2048, 65_535, 1_000_000, 2 ** 31 - 1]) {
      const bucket = bucketOf(value);
      expect(lowestValueOf(bucket)).toBeLessThanOrEqual(value);
      expect(bucketOf(lowestValueOf(bucket))).toBe(bucket);
    }
    expect(bucketOf(2 ** 40)).toBe(bucketOf(2 ** 31));
  });

  it('merges rounds as if they had been one', () => {
    const a = new LatencyHistogram();
    const b = new LatencyHistogram();
    const all = new LatencyHistogram();
    for (let i = 1; i <= 500; i++) {
      (i % 3 === 0 ? a : b).record(i * 37);
      all.record(i * 37);
    }
    a.merge(b);
    expect(a.count).toBe(all.count);
    expect(a.max).toBe(all.max);
    for (const p of [50, 99]) expect(a.percentile(p)).toBe(all.percentile(p));
  });

  it('reports NaN when empty and refuses a percentile outside 0..100', () => {
    const histogram = new LatencyHistogram();
    expect(histogram.percentile(50)).toBeNaN();
    expect(() => histogram.percentile(101)).toThrow(RangeError);
    expect(() => histogram.percentile(Number.NaN)).toThrow(RangeError);
  });

  it('counts negative and fractional times as whole microseconds, floored at 0', () => {
    const histogram = new LatencyHistogram();
    histogram.record(-5);
    histogram.record(2.9);
    expect(histogram.percentile(50)).toBe(0);
    expect(histogram.percentile(100)).toBe(2);
  });
});
