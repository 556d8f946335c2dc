import { parseFdLimits, withFdRoom } from './fd-limit';

const LIMITS = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            1024                 20000                files
Max locked memory         8388608              8388608              bytes
`;

describe('open-file limits', () => {
  it('reads the soft and hard limits from /proc/<pid>/limits', () => {
    expect(parseFdLimits(LIMITS)).toEqual({ soft: 1024, hard: 20000 });
    expect(parseFdLimits(LIMITS.replace('1024                 20000', 'unlimited            unlimited'))).toEqual({ soft: Infinity, hard: Infinity });
    expect(parseFdLimits('nothing here')).toBeUndefined();
  });

  it('runs a command as is when the soft limit has room', () => {
    expect(withFdRoom(1000, 'node', ['a.js'], { soft: 1024, hard: 20000 })).toEqual(['node', ['a.js']]);
    expect(withFdRoom(1000, 'node', ['a.js'], undefined)).toEqual(['node', ['a.js']]);
  });

  it('raises the soft limit through the shell, up to the hard one', () => {
    const [command, args] = withFdRoom(10_256, '/usr/bin/node', ['a.js', '--count', '10000'], { soft: 1024, hard: 20000 });
    expect(command).toBe('/bin/sh');
    expect(args).toEqual(['-c', 'ulimit -n 10256 && exec "$0" "$@"', '/usr/bin/node', 'a.js', '--count', '10000']);
  });

  it('says what to do when even the hard limit is too low', () => {
    expect(() => withFdRoom(30_000, 'node', [], { soft: 1024, hard: 20000 })).toThrow(/hard limit is 20000: raise it .* or use a smaller --count/);
  });
});
