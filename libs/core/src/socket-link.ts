import { Buffer } from 'node:buffer';
import type { Socket } from 'node:net';
import type { Encoded } from '@weir/codecs';
import { flushSoon, type Flushable } from './flush-queue';
import { Frame } from './frame';
import type { Link } from './link';

/** Small replies gathered in one tick are joined into one buffer below this size; larger ones go out as a writev. */
const JOIN_BELOW_BYTES = 64 * 1024;
/** How long, after our FIN has gone, a peer may keep its side open before the socket is destroyed. */
const DEFAULT_LINGER_MS = 2000;

export interface SocketLinkEvents {
  flushed(): void;
  /** Everything written has gone to the kernel. */
  drained?(): void;
}

/** For a link made before its connection: the server sets `events` before anything is written. */
export const PENDING_EVENTS: SocketLinkEvents = { flushed: () => undefined };

/**
 * The write path over a node socket. Every reply produced while handling one
 * read (or in one tick) leaves in one socket write: many small replies are
 * joined into one string or buffer, large ones are corked into one writev.
 */
export class SocketLink<Out> implements Link<Out>, Flushable {
  /**
   * Made on the first write after a flush and dropped by the flush, never kept
   * empty in between: an empty array left waiting on an idle connection
   * outlives two scavenges and moves to the old generation, and from there
   * every reply pushed into it would be kept alive (and copied, and promoted)
   * by the scavenger until a full GC. With 4 KiB replies that was most of a
   * server's GC time.
   */
  private batch: Encoded[] | undefined;
  private batchBytes = 0;
  private allStrings = true;
  private corked = 0;
  private scheduled = false;
  /** Set by a pause, cleared by the drain that ends it: only then does each flush ask to hear when its write has gone. */
  private awaitingDrain = false;

  constructor(
    private readonly socket: Socket,
    private readonly encode: (message: Out) => Encoded,
    /** Whom flushes and drains are told; the connection itself, in a server. */
    public events: SocketLinkEvents,
    private readonly lingerMs = DEFAULT_LINGER_MS,
  ) {}

  /**
   * The socket's own 'drain' comes only after a write() that returned false,
   * i.e. past the socket's 16 KiB mark; a connection paused at a lower mark of
   * its own would wait for it forever. So while paused, each flush asks to hear
   * when it has gone. Only then: a write with a callback costs Node a nextTick
   * and an object (one without costs neither), a thousand of each per line
   * said in a channel of a thousand.
   */
  private readonly afterWrite = (): void => {
    if (this.socket.writableLength !== 0 || this.batchBytes !== 0) return;
    this.awaitingDrain = false;
    this.events.drained?.();
  };

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
    (this.batch ??= []).push(bytes);
    // A string's length approximates its UTF-8 size; it only steers batching and water marks.
    this.batchBytes += bytes.length;
    if (typeof bytes !== 'string') this.allStrings = false;
    if (this.corked === 0 && !this.scheduled) {
      this.scheduled = true;
      flushSoon(this);
    }
  }

  cork(): void {
    this.corked++;
  }

  uncork(): void {
    if (--this.corked === 0) this.flush();
  }

  pause(): void {
    // The connection pauses its link when pending output passes its water mark
    // (the flush that follows is asked to report), or for messages in flight.
    this.awaitingDrain = true;
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  end(): void {
    this.flush();
    this.socket.end();
    // A peer that never ends its side (allowHalfOpen keeps ours open for it)
    // would hold the socket, and its place against maxConnections, forever.
    // Once our FIN is out, wait a while for the peer's, then let go. Not
    // earlier: destroying with unread input pending can reset the connection
    // and lose replies the peer has not read yet.
    this.socket.once('finish', () => {
      const timer = setTimeout(() => this.socket.destroy(), this.lingerMs);
      timer.unref();
      this.socket.once('close', () => clearTimeout(timer));
    });
  }

  destroy(): void {
    this.batch = undefined;
    this.batchBytes = 0;
    this.socket.destroy();
  }

  /** @internal The flush queue's call; a flush before it (an uncork, an end) leaves it nothing or only later writes. */
  flushQueued(): void {
    this.scheduled = false;
    this.flush();
  }

  private flush(): void {
    const batch = this.batch;
    if (batch === undefined) return;
    const total = this.batchBytes;
    const allStrings = this.allStrings;
    this.batch = undefined;
    this.batchBytes = 0;
    this.allStrings = true;
    if (this.socket.destroyed || !this.socket.writable) return;
    const done = this.awaitingDrain ? this.afterWrite : undefined;
    if (batch.length === 1) {
      this.socket.write(batch[0], done);
    } else if (allStrings) {
      this.socket.write((batch as string[]).join(''), done);
    } else if (total < JOIN_BELOW_BYTES) {
      this.socket.write(joinBytes(batch), done);
    } else {
      this.socket.cork();
      const last = batch.length - 1;
      for (let i = 0; i < last; i++) this.socket.write(batch[i]);
      this.socket.write(batch[last], done);
      this.socket.uncork();
    }
    this.events.flushed();
  }
}

/** Lays strings and Buffers into one Buffer, with no Buffer made per string. */
function joinBytes(batch: readonly Encoded[]): Buffer {
  let bound = 0;
  for (let i = 0; i < batch.length; i++) {
    const piece = batch[i];
    // A UTF-16 code unit never takes more than three UTF-8 bytes.
    bound += typeof piece === 'string' ? piece.length * 3 : piece.length;
  }
  const out = Buffer.allocUnsafe(bound);
  let at = 0;
  for (let i = 0; i < batch.length; i++) {
    const piece = batch[i];
    if (typeof piece === 'string') {
      at += out.write(piece, at, 'utf8');
    } else {
      out.set(piece, at);
      at += piece.length;
    }
  }
  return at === bound ? out : out.subarray(0, at);
}
