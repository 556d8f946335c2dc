import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import type { Logger } from 'pino';
import type { RespReply } from '@weir/codecs';
import { AofFormatError, AofReader, type AofEntry } from './aof-reader';

/** What replays the AOF's commands: a client of the server, as a real one would be. */
export interface AofReplayer {
  /** Runs the commands in order; gives one reply per command. */
  run(commands: Buffer[][]): RespReply[];
}

export interface AofLoadResult {
  readonly commands: number;
  readonly bytes: number;
  /** Where the file was cut because its last record (or transaction) was incomplete. */
  readonly truncatedAt?: number;
}

/** The AOF cannot be loaded: start-up must stop (exit status 2) with this message. */
export class AofCorruptError extends Error {
  override readonly name = 'AofCorruptError';
}

const CHUNK = 1024 * 1024;

/**
 * Replays the append-only file. A record cut short at the very end (the
 * process died while writing it), or a MULTI with no EXEC, is dropped with a
 * warning and the file truncated before it, as Redis's aof-load-truncated
 * does; anything else malformed, or a command the server does not know,
 * stops the load.
 */
export function loadAof(path: string, replayer: AofReplayer, logger: Logger): AofLoadResult {
  if (!fs.existsSync(path)) return { commands: 0, bytes: 0 };
  const fd = fs.openSync(path, 'r');
  const reader = new AofReader();
  const chunk = Buffer.allocUnsafe(CHUNK);
  let commands = 0;
  let lastEnd = 0;
  let multiStart: number | undefined;
  try {
    for (;;) {
      const read = fs.readSync(fd, chunk, 0, CHUNK, null);
      if (read === 0) break;
      let entries: AofEntry[];
      try {
        entries = reader.feed(Buffer.from(chunk.subarray(0, read)));
      } catch (error) {
        if (error instanceof AofFormatError) throw corrupt(path, error.message);
        throw error;
      }
      for (const entry of entries) {
        const name = entry.args[0].toString('latin1').toUpperCase();
        if (name === 'MULTI') multiStart = lastEnd;
        else if (name === 'EXEC') multiStart = undefined;
        lastEnd = entry.end;
      }
      const replies = replayer.run(entries.map((entry) => entry.args));
      replies.forEach((reply, i) => {
        if (reply.type === 'error' && reply.value.startsWith('ERR unknown command')) {
          throw corrupt(path, `unknown command '${entries[i].args[0].toString('latin1')}' in the record ending at byte ${entries[i].end}`);
        }
        if (reply.type === 'error') logger.warn({ error: reply.value, at: entries[i].end }, 'an AOF command failed on replay');
      });
      commands += entries.length;
    }
  } finally {
    fs.closeSync(fd);
  }
  const cut = reader.hasPending ? reader.pendingFrom : undefined;
  const truncatedAt = multiStart !== undefined ? multiStart : cut;
  if (truncatedAt !== undefined) {
    logger.warn(
      { path, truncatedAt, droppedBytes: fs.statSync(path).size - truncatedAt },
      multiStart !== undefined
        ? 'the AOF ends inside a MULTI/EXEC block: the unfinished transaction was dropped and the file truncated'
        : 'the AOF ends with an incomplete record (a crash while writing?): it was dropped and the file truncated',
    );
    fs.truncateSync(path, truncatedAt);
  }
  return { commands, bytes: truncatedAt ?? lastEnd, truncatedAt };
}

function corrupt(path: string, detail: string): AofCorruptError {
  return new AofCorruptError(
    `cannot load the append-only file ${path}: ${detail}. Nothing after that point can be trusted, so kv will not start. ` +
      'Keep a copy of the file, then cut it at that byte (truncate -s <byte> <file>) to keep what precedes, or move it away to start empty.',
  );
}
