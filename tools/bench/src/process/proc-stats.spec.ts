import { parseStatTicks, parseStatusKb, sampleProcess } from './proc-stats';

describe('/proc parsing', () => {
  it('reads utime + stime even when the command name holds spaces and parentheses', () => {
    // Fields 14 and 15 are 1200 and 34.
    const stat = '4242 (node (my) app) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1200 34 0 0 20 0 11 0 500 1000000 20000';
    expect(parseStatTicks(stat)).toBe(1234);
  });

  it('reads kB lines of /proc/<pid>/status', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1000 kB\nVmHWM:\t   81234 kB\nVmRSS:\t   70000 kB\n';
    expect(parseStatusKb(status, 'VmHWM')).toBe(81234);
    expect(parseStatusKb(status, 'VmRSS')).toBe(70000);
    expect(parseStatusKb(status, 'VmSwap')).toBeNaN();
  });

  const linux = process.platform === 'linux' ? it : it.skip;
  linux('samples a live process: its CPU time and a peak RSS at least its RSS', () => {
    const sample = sampleProcess(process.pid);
    expect(sample.cpuMs).toBeGreaterThan(0);
    expect(sample.rssKb).toBeGreaterThan(0);
    expect(sample.peakRssKb).toBeGreaterThanOrEqual(sample.rssKb);
  });

  it('gives NaN for a process that is not there', () => {
    expect(sampleProcess(2 ** 30).cpuMs).toBeNaN();
  });
});
