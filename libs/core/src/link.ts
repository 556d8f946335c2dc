import type { Frame } from './frame';

/**
 * The connection's hold on its transport: where replies go and how reading is
 * paused. A socket is one link; the in-memory harness in @weir/testing is another.
 */
export interface Link<Out> {
  write(item: Out | Frame): void;
  /** Between cork and uncork, writes gather into one socket write. */
  cork(): void;
  uncork(): void;
  /** Bytes written but not yet taken by the kernel. */
  readonly pendingBytes: number;
  pause(): void;
  resume(): void;
  /** Half-close after everything written so far has gone. */
  end(): void;
  destroy(): void;
  /** Bytes read from and written to the peer so far, where the link counts them. */
  readonly bytesRead?: number;
  readonly bytesWritten?: number;
}
