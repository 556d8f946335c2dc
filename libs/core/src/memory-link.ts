import type { Frame } from './frame';
import type { Link } from './link';

/**
 * A link with no socket: what would be written is kept as messages, not bytes.
 * For driving a Connection in memory (specs, @weir/testing's EmbeddedService).
 */
export class MemoryLink<Out> implements Link<Out> {
  readonly written: Array<Out | Frame> = [];
  pendingBytes = 0;
  paused = false;
  ended = false;
  destroyed = false;
  /** Called when the link goes: at once on `destroy`, a microtask after `end`. */
  onDestroy: () => void = () => undefined;

  write(item: Out | Frame): void {
    if (!this.ended && !this.destroyed) this.written.push(item);
  }
  cork(): void {}
  uncork(): void {}
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  end(): void {
    this.ended = true;
    queueMicrotask(() => this.onDestroy());
  }
  destroy(): void {
    this.destroyed = true;
    this.onDestroy();
  }
}
