import { Frame, type Link } from '@weir/core';
import type { RespReply } from '@weir/codecs';

/** A link with no socket: replies are kept, for the AOF loader's client. */
export class MemoryLink implements Link<RespReply> {
  readonly pendingBytes = 0;
  replies: RespReply[] = [];
  onDestroy: () => void = () => undefined;

  write(item: RespReply | Frame): void {
    if (!(item instanceof Frame)) this.replies.push(item);
  }

  take(): RespReply[] {
    const replies = this.replies;
    this.replies = [];
    return replies;
  }

  cork(): void {}
  uncork(): void {}
  pause(): void {}
  resume(): void {}
  end(): void {
    queueMicrotask(() => this.onDestroy());
  }
  destroy(): void {
    this.onDestroy();
  }
}
