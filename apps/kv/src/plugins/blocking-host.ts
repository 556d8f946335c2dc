import type { AnyConnection, MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import type { CommandArgs } from '../aof/command-encoding';
import type { Propagation } from '../aof/propagation';
import { clientState } from '../client-state';
import { BlockedClients } from './lists-blocking';
import type { BlockingScope } from './lists-blocking-commands';

/**
 * What a plugin with blocking commands (lists, sorted sets) keeps for them: its
 * own registry of blocked clients, the scope its blocking commands run in, and
 * the wake-up its writes call.
 */
export class BlockingHost {
  private readonly blocked = new BlockedClients();

  constructor(private readonly propagation: Propagation) {}

  /** The connection, database and logging a blocking command of `ctx` runs with. */
  scope(ctx: MessageContext<RespCommand, RespReply>): BlockingScope {
    const client = clientState(ctx);
    return {
      db: client.database,
      dbIndex: client.db,
      connection: ctx.connection,
      proto: client.protocol,
      inTransaction: this.propagation.inTransaction,
      blocked: this.blocked,
      logInstead: (commands) => this.propagation.replace(...commands),
    };
  }

  /** After a write that may have filled `key`: serves clients blocked on it, logging their pops after `command`. */
  wake(ctx: MessageContext<RespCommand, RespReply>, key: string, command: CommandArgs): void {
    const served = this.blocked.wake(clientState(ctx).db, key);
    if (served.length > 0) this.propagation.replace(command, ...served);
  }

  /** A connection closed: forgets what it waited for. */
  cancel(connection: AnyConnection): void {
    this.blocked.cancel(connection);
  }
}
