import { parseBenchOptions } from './bench-options';
import { defaultScenarios } from './scenarios';

describe('parseBenchOptions', () => {
  it('runs the full suite by default and a short one with --quick', () => {
    const full = parseBenchOptions([]);
    const quick = parseBenchOptions(['--quick']);
    expect(full).toMatchObject({ quick: false, out: 'latest', write: true });
    expect(quick).toMatchObject({ quick: true, out: 'quick' });
    expect(quick.rounds * quick.roundMs).toBeLessThan(full.rounds * full.roundMs);
  });

  it('takes rounds, lengths and a pair filter', () => {
    const options = parseBenchOptions(['--rounds', '6', '--round-ms', '1500', '--only', 'echo, P=16', '--no-write']);
    expect(options).toMatchObject({ rounds: 6, roundMs: 1500, only: ['echo', 'P=16'], write: false });
  });

  it('refuses bad numbers, path-like output names and unknown flags', () => {
    expect(() => parseBenchOptions(['--rounds', '0'])).toThrow(/--rounds/);
    expect(() => parseBenchOptions(['--round-ms', 'soon'])).toThrow(/--round-ms/);
    expect(() => parseBenchOptions(['--out', '../x'])).toThrow(/--out/);
    expect(() => parseBenchOptions(['--fast'])).toThrow();
  });
});

describe('the default suite', () => {
  const scenarios = defaultScenarios();

  it('pairs each hand-written server with its Weir twin over the asked sizes and loads', () => {
    expect(scenarios.map((s) => s.id)).toEqual([
      'echo-64b-c1-p1',
      'echo-64b-c50-p1',
      'echo-16384b-c1-p1',
      'echo-16384b-c50-p1',
      'jsonl-64b-c50-p1',
      'jsonl-64b-c50-p16',
      'jsonl-4096b-c50-p1',
      'jsonl-4096b-c50-p16',
    ]);
    for (const s of scenarios) expect([s.baseline, s.framework]).toEqual(s.group === 'echo' ? ['raw-echo', 'weir-echo'] : ['raw-jsonl', 'weir-jsonl']);
  });

  it('fits the default run in under five minutes', () => {
    const options = parseBenchOptions([]);
    const seconds = scenarios.length * (2 * options.warmupMs + 2 * options.rounds * options.roundMs) / 1000;
    expect(seconds + scenarios.length * 2).toBeLessThan(300);
  });
});
