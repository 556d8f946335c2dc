import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { Propagation } from '../aof/propagation';
import { clientState } from '../client-state';
import { CommandExecutor } from '../commands/command-executor';
import { DISCARD_WITHOUT_MULTI, EXEC_WITHOUT_MULTI, EXECABORT, MULTI_NESTED, WATCH_IN_MULTI } from '../reply/errors';
import { arr, nullArray, ok } from '../reply/replies';
import { keyOf } from './string-access';

type Ctx = MessageContext<RespCommand, RespReply>;

/**
 * MULTI / EXEC / DISCARD / WATCH / UNWATCH. The command gate queues commands
 * while a MULTI is open; EXEC runs the queue through the executor in one go,
 * nothing else interleaving (handlers answer synchronously), and logs it to
 * the AOF as one MULTI ... EXEC block.
 */
@Plugin({ name: 'transactions' })
export class TransactionsPlugin {
  constructor(
    @inject(CommandExecutor) private readonly executor: CommandExecutor,
    @inject(Propagation) private readonly propagation: Propagation,
  ) {}

  @Handle('MULTI')
  multi(_command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    if (client.multi) return MULTI_NESTED;
    client.multi = { commands: [], failed: false };
    return ok;
  }

  @Handle('DISCARD')
  discard(_command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    if (!client.multi) return DISCARD_WITHOUT_MULTI;
    client.multi = undefined;
    client.unwatchAll();
    return ok;
  }

  @Handle('WATCH')
  watch(command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    if (client.multi) return WATCH_IN_MULTI;
    for (let i = 1; i < command.length; i++) client.watch(keyOf(command[i]));
    return ok;
  }

  @Handle('UNWATCH')
  unwatch(_command: RespCommand, ctx: Ctx): RespReply {
    clientState(ctx).unwatchAll();
    return ok;
  }

  @Handle('EXEC')
  exec(_command: RespCommand, ctx: Ctx): RespReply | Promise<RespReply> {
    const client = clientState(ctx);
    const queue = client.multi;
    if (!queue) return EXEC_WITHOUT_MULTI;
    client.multi = undefined;
    const aborted = queue.failed;
    const conflicted = client.casDirty;
    client.unwatchAll();
    if (aborted) return EXECABORT;
    if (conflicted) return nullArray(client.protocol);
    const replies: RespReply[] = [];
    this.propagation.beginTransaction();
    let index = 0;
    const runFrom = (): RespReply | Promise<RespReply> => {
      for (; index < queue.commands.length; index++) {
        const result = this.executor.run(queue.commands[index], ctx.connection);
        if (result instanceof Promise) {
          // A handler that answers later (rare inside MULTI): the rest waits for it.
          index++;
          return result.then((later) => {
            replies.push(...later);
            return runFrom();
          });
        }
        replies.push(...result);
      }
      this.propagation.endTransaction();
      return arr(replies);
    };
    try {
      return runFrom();
    } catch (error) {
      this.propagation.endTransaction();
      throw error;
    }
  }
}

