import type { Socket } from 'node:net';
import type { Encoded } from '@weir/codecs';
import { Frame } from './frame';
import type { Link } from './link';

/** Small replies gathered in one tick are joined into one buffer below this size; larger ones go out as a writev. */
const JOIN_BELOW_BYTES = 64 * 1024;

export interface SocketLinkEvents {
  flushed(): void;
}

/**
 * The write path over a node socket. Every reply produced while handling one
 * read (or in one tick) leaves in one socket write: many small replies are
 * joined into one string or buffer, large ones are corked into one writev.
 */
export class SocketLink<Out> implements Link<Out> {
  private batch: Encoded[] = [];
  private batchBytes = 0;
  private allStrings = true;
  private corked = 0;
  private scheduled = false;

  constructor(
    private readonly socket: Socket,
    private readonly encode: (message: Out) => Encoded,
    private readonly events: SocketLinkEvents,
  ) {}

  get pendingBytes(): number {
    return this.socket.writableLength + this.batchBytes;
  }

  get bytesRead(): number {
    return this.socket.bytesRead;
  }

  get bytesWritten(): number {
    return this.socket.bytesWritten;
  }

  write(item: Out | Frame): void {
    if (this.socket.destroyed) return;
    const bytes = item instanceof Frame ? item.bytes : this.encode(item);
    this.batch.push(bytes);
    // A string's length approximates its UTF-8 size; it only steers batching and water marks.
    this.batchBytes += bytes.length;
    if (typeof bytes !== 'string') this.allStrings = false;
    if (this.corked === 0 && !this.scheduled) {
      this.scheduled = true;
      process.nextTick(() => this.flush());
    }
  }

  cork(): void {
    this.corked++;
  }

  uncork(): void {
    if (--this.corked === 0) this.flush();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  end(): void {
    this.flush();
    this.socket.end();
  }

  destroy(): void {
    this.batch = [];
    this.batchBytes = 0;
    this.socket.destroy();
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.batch;
    if (batch.length === 0) return;
    const total = this.batchBytes;
    const allStrings = this.allStrings;
    this.batch = [];
    this.batchBytes = 0;
    this.allStrings = true;
    if (this.socket.destroyed || !this.socket.writable) return;
    if (batch.length === 1) {
      this.socket.write(batch[0]);
    } else if (allStrings) {
      this.socket.write((batch as string[]).join(''));
    } else if (total < JOIN_BELOW_BYTES) {
      this.socket.write(Buffer.concat(batch.map((b) => (typeof b === 'string' ? Buffer.from(b) : b))));
    } else {
      this.socket.cork();
      for (const bytes of batch) this.socket.write(bytes);
      this.socket.uncork();
    }
    this.events.flushed();
  }
}
