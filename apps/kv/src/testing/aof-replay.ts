import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKv, type RunningKv } from './start-kv';

export interface AofReplay {
  /** The append-only file the first server wrote, as latin1 text. */
  readonly log: string;
  /** A second server started from that file; the caller stops it (which removes the directory). */
  readonly replayed: RunningKv;
}

/**
 * Starts kv with the AOF on in a fresh directory, lets `write` use it, stops
 * it and starts another kv from the same file: for specs that check what
 * commands log and that a replay restores what they did.
 */
export async function writeThenReplay(write: (kv: RunningKv) => Promise<void>): Promise<AofReplay> {
  const dir = mkdtempSync(join(tmpdir(), 'kv-aof-replay-'));
  const first = await startKv({ dir, appendonly: true });
  try {
    await write(first);
  } finally {
    await first.stop(false);
  }
  const log = readFileSync(join(dir, 'appendonly.aof'), 'latin1');
  return { log, replayed: await startKv({ dir, appendonly: true }) };
}
