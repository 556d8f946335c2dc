import { isObservable, type Middleware } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { clientState } from '../client-state';
import { COMMAND_TABLE } from '../commands/command-table';
import { KvConfig } from '../kv-config';
import { AppendOnlyFile } from './append-only-file';
import { Propagation } from './propagation';

// Bound once: through the package's re-export, each call would first run an export getter.
const isObservableReply = isObservable;

/**
 * Logs each write command that changed something to the AOF, after its
 * handler ran (see Propagation). With appendfsync always, a command that
 * logged anything answers only once the log is on the disk: its reply waits
 * for the fsync (later replies on the connection wait their turn behind it).
 */
export function aofMiddleware(): Middleware<RespCommand, RespReply> {
  return (next, root) => {
    const aof = root.resolve(AppendOnlyFile);
    const propagation = root.resolve(Propagation);
    const config = root.resolve(KvConfig);
    return (command, ctx) => {
      if (!aof.enabled) return next(command, ctx);
      const before = aof.appendedRecords;
      let result;
      if (COMMAND_TABLE.get(ctx.route)?.isWrite) {
        const frame = propagation.begin(clientState(ctx).db, command);
        try {
          result = next(command, ctx);
        } finally {
          propagation.end(frame);
        }
      } else {
        result = next(command, ctx);
      }
      if (aof.appendedRecords === before || config.appendfsync !== 'always' || propagation.inTransaction) return result;
      if (isObservableReply(result)) return result;
      const reply = result;
      return aof.synced().then(() => reply);
    };
  };
}
