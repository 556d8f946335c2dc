import { injectable } from 'tsyringe';
import { Frame, isObservable, isPromiseLike, MessageContext, type Connection, type Handler } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { errorReply } from '../reply/kv-error';
import { knownCommandName } from './command-names';

type KvHandler = Handler<RespCommand, RespReply>;

/** A context whose replies are kept instead of written: EXEC gathers its commands' replies into one array. */
class CapturingContext extends MessageContext<RespCommand, RespReply> {
  readonly captured: RespReply[] = [];

  override reply(item: RespReply | Frame): void {
    // Frames are pre-encoded broadcasts (pub/sub); a captured reply is never one.
    if (!(item instanceof Frame)) this.captured.push(item);
  }
}

/** The upper-case route key of a command, as the server computes it. */
export function routeOf(command: RespCommand): string {
  return knownCommandName(command[0]) ?? command[0].toString('latin1').toUpperCase();
}

/**
 * Runs commands through the handler chain behind the command gate (AOF
 * logging, then the plugins) for EXEC, which must run its queue without
 * queuing it again. The gate binds the chain when the server builds it.
 */
@injectable()
export class CommandExecutor {
  private handler: KvHandler | undefined;

  bind(handler: KvHandler): void {
    this.handler = handler;
  }

  /**
   * Runs one command for `connection` and gives its replies: at once when the
   * handler answered synchronously (the usual case), else as a Promise.
   */
  run(command: RespCommand, connection: Connection<RespCommand, RespReply>): RespReply[] | Promise<RespReply[]> {
    if (!this.handler) throw new Error('CommandExecutor used before the command gate was built');
    const context = new CapturingContext(connection, routeOf(command), command);
    let result;
    try {
      result = this.handler(command, context);
    } catch (error) {
      return [errorReply(error)];
    }
    if (result === undefined) return context.captured;
    if (typeof result === 'object' && result !== null && isPromiseLike<RespReply | void>(result)) {
      return Promise.resolve(result).then(
        (value) => (value === undefined ? context.captured : [...context.captured, value]),
        (error: unknown) => [...context.captured, errorReply(error)],
      );
    }
    if (typeof result === 'object' && result !== null && isObservable(result)) {
      const observable = result;
      return new Promise((resolve) => {
        observable.subscribe({
          next: (value) => context.captured.push(value as RespReply),
          error: (error: unknown) => resolve([...context.captured, errorReply(error)]),
          complete: () => resolve(context.captured),
        });
      });
    }
    return [...context.captured, result as RespReply];
  }
}
