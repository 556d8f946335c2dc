import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults, RowResult } from './results';
import { evaluateTargets } from './targets';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8')) as BenchResults;
const [echo16k, json16] = fixture.rows;

const withRatios = (row: RowResult, throughput: number, p99: number): RowResult => ({
  ...row,
  ratios: { ...row.ratios, throughput, p99 },
});

describe('evaluateTargets', () => {
  it('holds echo 16 KiB C=50 to 0.9x and request/response at P=16 to 0.8x throughput', () => {
    const targets = evaluateTargets([withRatios(echo16k, 0.9, 1), withRatios(json16, 0.79, 1)]);
    const throughput = targets.filter((t) => t.metric === 'throughput');
    expect(throughput.map((t) => [t.rowId, t.limit, t.met])).toEqual([
      [echo16k.id, 0.9, true],
      [json16.id, 0.8, false],
    ]);
  });

  it('holds every row to a p99 at most 1.5x', () => {
    const targets = evaluateTargets([withRatios(echo16k, 1, 1.5), withRatios(json16, 1, 1.51)]).filter((t) => t.metric === 'p99');
    expect(targets.map((t) => t.met)).toEqual([true, false]);
  });

  it('sets no throughput target on rows the goals do not name', () => {
    const other: RowResult = { ...echo16k, id: 'echo-64b-c1-p1', payloadBytes: 64, connections: 1 };
    expect(evaluateTargets([other]).map((t) => t.metric)).toEqual(['p99']);
  });
});
