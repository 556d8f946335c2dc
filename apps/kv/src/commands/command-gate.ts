import type { Middleware } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { clientState } from '../client-state';
import {
  NOAUTH,
  notInSubscribeContext,
  unknownCommand,
  unknownSubcommand,
  wrongArity,
} from '../reply/errors';
import { err, queued } from '../reply/replies';
import { ServerStats } from '../server-stats';
import { CommandExecutor } from './command-executor';
import type { CommandSpec } from './command-spec';
import { arityAccepts } from './command-spec';
import { COMMAND_TABLE } from './command-table';

/** Commands that act on the transaction itself, so MULTI runs them instead of queuing them. */
const TRANSACTION_CONTROL = new Set(['EXEC', 'DISCARD', 'MULTI', 'WATCH', 'QUIT', 'RESET']);
/** What a RESP2 client may send while subscribed. */
const SUBSCRIBE_CONTEXT = new Set(['SUBSCRIBE', 'UNSUBSCRIBE', 'PSUBSCRIBE', 'PUNSUBSCRIBE', 'SSUBSCRIBE', 'SUNSUBSCRIBE', 'PING', 'QUIT', 'RESET']);
const NOT_IN_MULTI = err('ERR Command not allowed inside a transaction');

/**
 * The checks Redis makes before running any command, in Redis's order:
 * unknown command, arity (of the command, then of its subcommand), NOAUTH,
 * the RESP2 subscribe context; then, inside MULTI, queuing instead of running
 * (and a failed check spoils the transaction: EXEC answers EXECABORT).
 * Handlers behind it see only well-formed, permitted commands.
 */
export function commandGate(): Middleware<RespCommand, RespReply> {
  return (next, root) => {
    root.resolve(CommandExecutor).bind(next);
    const stats = root.resolve(ServerStats);
    return (command, ctx) => {
      const client = clientState(ctx);
      stats.commandsProcessed++;
      const spec = COMMAND_TABLE.get(ctx.route);
      // What runs: the command, or the subcommand of a container such as CONFIG; or the refusal.
      const runs = spec === undefined ? unknownCommand(command) : check(spec, command);
      if (!isSpec(runs)) {
        if (client.multi) client.multi.failed = true;
        return runs;
      }
      if (!client.authenticated && !(spec as CommandSpec).noAuth) {
        if (client.multi) client.multi.failed = true;
        return NOAUTH;
      }
      // Redis names the subcommand refused (`config|get`), not its container.
      if (client.inSubscribeContext && !SUBSCRIBE_CONTEXT.has(ctx.route)) return notInSubscribeContext(runs.name);
      if (client.multi && !TRANSACTION_CONTROL.has(ctx.route)) {
        if ((spec as CommandSpec).flags.has('no_multi')) {
          client.multi.failed = true;
          return NOT_IN_MULTI;
        }
        client.multi.commands.push(command);
        return queued;
      }
      client.lastCommand = (spec as CommandSpec).name;
      return next(command, ctx);
    };
  };
}

/**
 * Arity of the command, then (for containers such as CONFIG) the subcommand's
 * existence and arity. Gives the spec of what will run (the subcommand's, when
 * there is one) or the refusal.
 */
function check(spec: CommandSpec, command: RespCommand): CommandSpec | RespReply {
  if (!arityAccepts(spec.arity, command.length)) return wrongArity(spec.name);
  if (spec.subcommands.size === 0 || command.length < 2) return spec;
  const name = command[1].toString('latin1');
  const sub = spec.subcommands.get(name.toUpperCase());
  if (sub === undefined) return unknownSubcommand(name, spec.name);
  if (!arityAccepts(sub.arity, command.length)) return wrongArity(sub.name);
  return sub;
}

function isSpec(checked: CommandSpec | RespReply): checked is CommandSpec {
  return 'arity' in checked;
}
