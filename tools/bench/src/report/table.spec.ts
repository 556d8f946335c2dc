import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './results';
import { formatColumns, formatTable, formatTargets } from './table';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8')) as BenchResults;

describe('the text report', () => {
  it('aligns columns: the first to the left, numbers to the right', () => {
    expect(formatColumns(['name', 'n'], [['a', '1'], ['bbb', '100']]).split('\n')).toEqual([
      'name    n',
      '----  ---',
      'a       1',
      'bbb   100',
    ]);
  });

  it('has a line per row with both throughputs and the ratio to two places', () => {
    const lines = formatTable(fixture).split('\n');
    expect(lines).toHaveLength(2 + fixture.rows.length);
    const [echo] = fixture.rows;
    const echoLine = lines.find((line) => line.startsWith(echo.title)) ?? '';
    expect(echoLine).toContain(Math.round(echo.baseline.requestsPerSec).toLocaleString('en-US'));
    expect(echoLine).toContain(Math.round(echo.framework.requestsPerSec).toLocaleString('en-US'));
    expect(echoLine).toContain(echo.ratios.throughput.toFixed(2));
  });

  it('lists each target as met or MISSED with its ratio', () => {
    const lines = formatTargets(fixture).split('\n');
    expect(lines).toHaveLength(fixture.targets.length);
    fixture.targets.forEach((target, i) => {
      expect(lines[i].startsWith(target.met ? 'met' : 'MISSED')).toBe(true);
      expect(lines[i]).toContain(`${target.ratio.toFixed(2)}x`);
    });
  });
});
