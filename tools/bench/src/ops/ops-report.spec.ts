import { parseOpsOptions } from './ops-options';
import { fanoutTable, idleTable } from './ops-report';

describe('ops options', () => {
  it('defaults to every benchmark at the sizes the issue asks for', () => {
    expect(parseOpsOptions([])).toMatchObject({ what: 'all', count: 10_000, members: 1000, rate: 100, seconds: 10, burst: 1000, servers: ['node:net', 'echo', 'chat', 'kv'] });
    expect(parseOpsOptions(['idle', '--count', '200', '--servers', 'node:net,echo'])).toMatchObject({ what: 'idle', count: 200, servers: ['node:net', 'echo'] });
    expect(parseOpsOptions(['idle', '--servers', 'node:net,kv', '--kv', '/tmp/kv.js'])).toMatchObject({ servers: ['node:net', 'kv'], kvMain: '/tmp/kv.js' });
    expect(parseOpsOptions([]).kvMain).toMatch(/dist\/apps\/kv\/main\.js$/);
  });

  it('refuses what it does not know', () => {
    expect(() => parseOpsOptions(['nap'])).toThrow(/unknown benchmark 'nap'/);
    expect(() => parseOpsOptions(['--count', '0'])).toThrow(/--count expects a whole number >= 1/);
    expect(() => parseOpsOptions(['--servers', 'redis'])).toThrow(/unknown 'redis'/);
  });
});

describe('ops tables', () => {
  it('puts each server beside node:net, with the overhead per connection and the target', () => {
    const row = (server: 'node:net' | 'echo' | 'chat' | 'kv', kib: number) => ({
      server,
      connections: 10_000,
      baseRssKb: 40_000,
      loadedRssKb: 40_000 + kib * 10_000,
      kibPerConnection: kib,
      connectSeconds: 2,
    });
    const lines = idleTable([row('node:net', 3.5), row('echo', 6), row('chat', 9), row('kv', 7)]).split('\n');
    expect(lines[0]).toMatch(/^server\s+idle conns\s+connect s\s+RSS MB idle\s+RSS MB loaded\s+KiB\/conn\s+over node:net\s+target$/);
    expect(lines[2]).toMatch(/^node:net\s+10,000\s+2\.0\s+39\.1\s+73\.2\s+3\.50\s+-$/);
    expect(lines[3]).toMatch(/^echo .* 6\.00\s+2\.50\s+met \(≤ 4\)$/);
    expect(lines[4]).toMatch(/^chat .* 9\.00\s+5\.50\s+MISSED \(≤ 4\)$/);
    expect(lines[5]).toMatch(/^kv .* 7\.00\s+3\.50\s+met \(≤ 4\)$/);
  });

  it('shows fan-out latency and throughput, judging chat against the p99 target', () => {
    const result = (server: 'node:net' | 'chat', p99Ms: number) => ({
      server,
      members: 1000,
      paced: { sent: 1000, delivered: 1_000_000, probes: 51, p50Ms: 2, p99Ms, maxMs: 30, deliveriesPerSec: 100_000, clientLagP99Ms: 1.5 },
      burst: { sent: 1000, delivered: 1_000_000, seconds: 0.5, deliveriesPerSec: 2_000_000 },
      clientCpuShare: 0.3,
      serverCpuSharePaced: 0.5,
      serverCpuUsPerDelivery: 0.25,
    });
    const text = fanoutTable([result('node:net', 12), result('chat', 15)]);
    expect(text).toMatch(/^node:net paced 1,000\s+1,000\s+1,000,000 \/ 1,000,000\s+2\.00\s+12\.00\s+30\.0\s+100,000\s+50% of a core\s+1\.5$/m);
    expect(text).toMatch(/^chat paced 1,000 .* 15\.00 .* met \(p99 < 20 ms\)$/m);
    expect(text).toMatch(/^chat burst 1,000 .* 2,000,000\s+0\.25 µs\/line\s+-$/m);
  });
});
