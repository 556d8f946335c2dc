import { flushSoon, type Flushable } from './flush-queue';

const nextTick = () => new Promise<void>((resolve) => process.nextTick(resolve));

function recorder(log: string[], name: string, then?: () => void): Flushable {
  return {
    flushQueued: () => {
      log.push(name);
      then?.();
    },
  };
}

describe('flushSoon', () => {
  it('flushes every link queued in a tick, in order, after the tick and in one nextTick', async () => {
    const log: string[] = [];
    const spy = jest.spyOn(process, 'nextTick');
    try {
      flushSoon(recorder(log, 'a'));
      flushSoon(recorder(log, 'b'));
      expect(log).toEqual([]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    await nextTick();
    expect(log).toEqual(['a', 'b']);
  });

  it('flushes a link queued by another flush in the same round', async () => {
    const log: string[] = [];
    flushSoon(recorder(log, 'a', () => flushSoon(recorder(log, 'late'))));
    await nextTick();
    expect(log).toEqual(['a', 'late']);
  });

  it("still flushes the others when one link's flush throws, and the throw is not swallowed", () => {
    const log: string[] = [];
    // The ticks are caught and run here, so that the throw comes to the test rather than the runner.
    const ticks: (() => void)[] = [];
    const catchTick = (callback: () => void) => void ticks.push(callback);
    const spy = jest.spyOn(process, 'nextTick').mockImplementation(catchTick as typeof process.nextTick);
    try {
      flushSoon(recorder(log, 'a'));
      flushSoon({
        flushQueued: () => {
          throw new Error('boom');
        },
      });
      flushSoon(recorder(log, 'c'));
      expect(ticks).toHaveLength(1);
      expect(ticks[0]).toThrow('boom');
      expect(log).toEqual(['a']);
      expect(ticks).toHaveLength(2);
      ticks[1]();
      expect(log).toEqual(['a', 'c']);
      flushSoon(recorder(log, 'd'));
      expect(ticks).toHaveLength(3);
      ticks[2]();
      expect(log).toEqual(['a', 'c', 'd']);
    } finally {
      spy.mockRestore();
    }
  });
});
