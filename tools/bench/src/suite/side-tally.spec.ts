import { LatencyHistogram } from '../load/latency-histogram';
import type { LoadResult } from '../load/run-load';
import { median, pairedRatios, SideTally } from './side-tally';

function round(requests: number, elapsedMs: number, latencies: number[]): LoadResult {
  const histogram = new LatencyHistogram();
  for (const us of latencies) histogram.record(us);
  return { requests, bytes: requests * 100, elapsedMs, latencies: histogram, clientCpuMs: elapsedMs / 2 };
}

describe('median and paired ratios', () => {
  it('takes the middle value, or the mean of the two middle ones', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect(median([Number.NaN, 5])).toBe(5);
  });

  it('divides round by round, so one disturbed round moves the median little', () => {
    const ratios = pairedRatios([90, 95, 30, 92], [100, 100, 100, 100]);
    expect(ratios).toEqual([0.9, 0.95, 0.3, 0.92]);
    expect(median(ratios)).toBeCloseTo(0.91, 5);
  });
});

describe('SideTally', () => {
  it('adds rounds up into one side of a row', () => {
    const tally = new SideTally('raw-echo');
    tally.add(round(1000, 1000, [100, 200, 300]), 5);
    tally.add(round(3000, 1000, [400]), 15);
    const side = tally.summary(2048);
    expect(side.requests).toBe(4000);
    expect(side.requestsPerSec).toBe(2000);
    expect(side.mbPerSec).toBeCloseTo((4000 * 100) / 2 / 1e6, 10);
    expect(side.p50Us).toBe(200);
    expect(side.p99Us).toBe(400);
    expect(side.serverCpuUsPerRequest).toBe(5);
    expect(side.clientCpuShare).toBe(0.5);
    expect(side.peakRssMb).toBe(2);
    expect(side.roundRequestsPerSec).toEqual([1000, 3000]);
    expect(side.roundP99Us).toEqual([300, 400]);
  });
});
