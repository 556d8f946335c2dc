import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | undefined;

/**
 * A full garbage collection, without running Jest under --expose-gc: the flag
 * can be set at runtime, and a fresh vm context then has `gc` as a global.
 */
function fullGc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

export interface MemorySample {
  readonly rssMb: number;
  readonly heapMb: number;
}

/**
 * Memory after the garbage has gone: two collections with a pause between
 * (sockets and timers let go of their buffers a tick later). The heap is the
 * sharp figure; RSS also holds what V8 and malloc keep for reuse, so bounds on
 * it must be generous.
 */
export async function settledMemory(): Promise<MemorySample> {
  for (let i = 0; i < 2; i++) {
    fullGc();
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  fullGc();
  const usage = process.memoryUsage();
  return { rssMb: usage.rss / 2 ** 20, heapMb: usage.heapUsed / 2 ** 20 };
}
