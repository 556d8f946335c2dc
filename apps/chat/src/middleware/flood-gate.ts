import { inject, injectable } from 'tsyringe';
import { isObservable, type MessageContext, type Reply } from '@weir/core';
import type { IrcMessage } from '@weir/codecs';
import { CHAT_SETTINGS, type ChatSettings, type FloodSettings } from '../settings/chat-settings';

interface Deferred {
  run(): Reply<IrcMessage>;
  context: MessageContext<IrcMessage, IrcMessage>;
  resolve(value: IrcMessage | void | PromiseLike<IrcMessage | void>): void;
  reject(error: unknown): void;
}

/**
 * One connection's token bucket. A message that finds a token runs at once,
 * synchronously; one that does not waits its turn in a queue that drains as
 * tokens come back, so commands still run in the order they arrived.
 */
@injectable()
export class FloodGate {
  private readonly limits: FloodSettings | undefined;
  private tokens: number;
  private refilledAt = Date.now();
  /** Made when a message first has to wait: most connections never flood. */
  private queue: Deferred[] | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(@inject(CHAT_SETTINGS) settings: ChatSettings) {
    this.limits = settings.flood;
    this.tokens = settings.flood?.burst ?? 0;
  }

  /** Delayed messages waiting for a token. */
  get queued(): number {
    return this.queue?.length ?? 0;
  }

  /** Whether the next message may run now; takes its token if so. */
  take(): boolean {
    if (!this.limits) return true;
    this.refill();
    if (this.queued > 0 || this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Runs `run` when a token comes back; the pipeline keeps its reply slot open meanwhile. */
  defer(context: MessageContext<IrcMessage, IrcMessage>, run: () => Reply<IrcMessage>): Promise<IrcMessage | void> {
    return new Promise((resolve, reject) => {
      (this.queue ??= []).push({ run, context, resolve, reject });
      this.schedule();
    });
  }

  /** Drops every waiting message (the connection is closing): their slots complete with no reply. */
  abandon(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const queue = this.queue;
    this.queue = undefined;
    for (const entry of queue ?? []) entry.resolve(undefined);
  }

  /** tsyringe calls this when the connection's container is disposed. */
  dispose(): void {
    this.abandon();
  }

  private refill(): void {
    const limits = this.limits;
    if (!limits) return;
    const now = Date.now();
    this.tokens = Math.min(limits.burst, this.tokens + ((now - this.refilledAt) / 1000) * limits.perSecond);
    this.refilledAt = now;
  }

  private schedule(): void {
    if (this.timer || !this.limits || this.queued === 0) return;
    const waitMs = Math.max(1, Math.ceil(((1 - this.tokens) / this.limits.perSecond) * 1000));
    this.timer = setTimeout(() => this.drain(), waitMs);
    this.timer.unref();
  }

  private drain(): void {
    this.timer = undefined;
    this.refill();
    while (this.queue !== undefined && this.queue.length > 0 && this.tokens >= 1) {
      const entry = this.queue.shift() as Deferred;
      if (!entry.context.connection.isOpen) {
        this.abandon();
        entry.resolve(undefined);
        return;
      }
      this.tokens -= 1;
      this.settle(entry);
    }
    if (this.queue?.length === 0) this.queue = undefined;
    this.schedule();
  }

  private settle(entry: Deferred): void {
    let result: Reply<IrcMessage>;
    try {
      result = entry.run();
    } catch (error) {
      entry.reject(error);
      return;
    }
    if (isObservable(result)) {
      result.subscribe({
        next: (value) => entry.context.reply(value),
        error: (error: unknown) => entry.reject(error),
        complete: () => entry.resolve(undefined),
      });
    } else {
      entry.resolve(result);
    }
  }
}
