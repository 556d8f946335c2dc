import { AsyncSubject, filter, Observable, Subject } from 'rxjs';
import type { DependencyContainer, InjectionToken } from 'tsyringe';
import { ProtocolError, type Decoded } from '@weir/codecs';
import type { CloseReason } from './close-reason';
import { Frame } from './frame';
import type { Link } from './link';
import { OrderedReplies } from './ordered-replies';

export interface BackpressureLimits {
  /** Pending output bytes past which the connection stops reading until the socket drains. */
  readonly highWaterMark: number;
  /** Messages awaiting their replies past which the connection stops reading. */
  readonly maxInFlight: number;
  /** Pending output bytes past which the peer is cut off: it is not reading. */
  readonly maxPendingOutputBytes: number;
}

export const defaultBackpressure: BackpressureLimits = {
  highWaterMark: 256 * 1024,
  maxInFlight: 1024,
  maxPendingOutputBytes: 32 * 1024 * 1024,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyConnection = Connection<any, any>;

export type PauseCause = 'output' | 'in-flight';

/** What a connection tells its owner (the server) about itself. */
export interface ConnectionObserver {
  paused(connection: AnyConnection, cause: PauseCause): void;
  resumed(connection: AnyConnection, cause: PauseCause): void;
  closed(connection: AnyConnection, reason: CloseReason): void;
}

export interface ConnectionInit<Out> {
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly link: Link<Out>;
  readonly container: DependencyContainer;
  readonly limits?: BackpressureLimits;
  readonly observer?: ConnectionObserver;
}

/**
 * One peer, as streams: decoded messages in, replies out. Per-connection state
 * lives in `container`, a child of the server's root container.
 */
export class Connection<In, Out> {
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly openedAt = Date.now();
  readonly container: DependencyContainer;

  /** Decoded items in arrival order, including the non-fatal protocol errors that stand in for spoiled frames. */
  readonly input$: Observable<Decoded<In>>;
  /** Decoded messages in arrival order; completes when the peer ends, errors on a fatal protocol error. */
  readonly messages$: Observable<In>;
  /** Emits once, with the reason, when the connection has closed. */
  readonly closed$: Observable<CloseReason>;

  /** Replies still owed, in message order; the pipeline opens a slot per message. */
  readonly replies: OrderedReplies<Out>;

  messagesIn = 0;
  lastReadAt = Date.now();
  lastWriteAt = Date.now();

  private readonly input = new Subject<Decoded<In>>();
  private readonly closedSubject = new AsyncSubject<CloseReason>();
  private readonly link: Link<Out>;
  private readonly limits: BackpressureLimits;
  private readonly observer: ConnectionObserver | undefined;
  private readonly pausedBy = new Set<PauseCause>();
  private state: 'open' | 'closing' | 'closed' = 'open';
  private reason: CloseReason | undefined;
  private farewell: Out | Frame | undefined;

  constructor(init: ConnectionInit<Out>) {
    this.id = init.id;
    this.remoteAddress = init.remoteAddress;
    this.remotePort = init.remotePort;
    this.container = init.container;
    this.link = init.link;
    this.limits = init.limits ?? defaultBackpressure;
    this.observer = init.observer;
    this.input$ = this.input.asObservable();
    this.messages$ = this.input$.pipe(filter((item): item is In => !(item instanceof ProtocolError)));
    this.closed$ = this.closedSubject.asObservable();
    this.replies = new OrderedReplies<Out>(
      (item) => this.link.write(item),
      () => this.onRepliesSettled(),
    );
  }

  get isOpen(): boolean {
    return this.state === 'open';
  }

  get isClosed(): boolean {
    return this.state === 'closed';
  }

  get isPaused(): boolean {
    return this.pausedBy.size > 0;
  }

  get pendingOutputBytes(): number {
    return this.link.pendingBytes;
  }

  /** Resolves a connection-scoped service (a chat user's state, a KV client's selected db). */
  get<T>(token: InjectionToken<T>): T {
    return this.container.resolve(token);
  }

  /** Sends a message now, outside the reply order: a broadcast, a push, a server-initiated PING. */
  send(item: Out | Frame): void {
    if (this.state === 'closed') return;
    this.link.write(item);
  }

  /**
   * Closes gracefully: reads nothing more, writes every reply still owed and the
   * optional farewell (an IRC `ERROR`, a Redis error), then ends the socket.
   */
  close(reason: CloseReason = { kind: 'closed' }, farewell?: Out | Frame): void {
    if (this.state !== 'open') return;
    this.state = 'closing';
    this.reason ??= reason;
    this.farewell = farewell;
    this.link.pause();
    this.onRepliesSettled();
  }

  /** Closes at once, dropping anything not yet written. */
  destroy(reason: CloseReason): void {
    if (this.state === 'closed') return;
    this.reason ??= reason;
    this.link.destroy();
  }

  /** Feeds decoded items in; replies produced while handling them leave in one write. */
  receive(items: readonly Decoded<In>[]): void {
    if (this.state !== 'open') return;
    this.lastReadAt = Date.now();
    this.link.cork();
    try {
      for (const item of items) {
        if (this.state !== 'open') break;
        this.input.next(item);
      }
    } finally {
      this.link.uncork();
    }
  }

  /** A fatal protocol error: the pipeline replies (if the protocol has a reply), then the connection closes. */
  failProtocol(error: ProtocolError): void {
    if (this.state !== 'open') return;
    this.reason ??= { kind: 'protocol-error', detail: error.message };
    this.link.cork();
    try {
      this.input.error(error);
    } finally {
      this.link.uncork();
    }
    this.close(this.reason);
  }

  /** The peer half-closed: finish the replies owed, then end our side too. */
  peerEnded(): void {
    if (this.state !== 'open') return;
    this.input.complete();
    this.close({ kind: 'peer-end' });
  }

  /** The link reports that it has gone (socket 'close'). */
  linkClosed(error?: Error): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    const reason = this.reason ?? (error ? { kind: 'peer-reset' as const, detail: error.message } : { kind: 'peer-end' as const });
    if (!this.input.closed) this.input.complete();
    this.closedSubject.next(reason);
    this.closedSubject.complete();
    this.observer?.closed(this, reason);
    void this.container.dispose();
  }

  /** The link reports a flush: check the water marks. */
  flushed(): void {
    this.lastWriteAt = Date.now();
    const pending = this.link.pendingBytes;
    if (pending > this.limits.maxPendingOutputBytes) {
      this.destroy({ kind: 'output-limit', detail: `${pending} bytes unread by the peer` });
    } else if (pending > this.limits.highWaterMark) {
      this.pause('output');
    }
  }

  /** The link reports that its write buffer emptied. */
  drained(): void {
    this.resume('output');
  }

  /** Called by the pipeline after it opens a reply slot. */
  checkInFlight(): void {
    if (this.replies.size > this.limits.maxInFlight) this.pause('in-flight');
  }

  private onRepliesSettled(): void {
    if (this.pausedBy.has('in-flight') && this.replies.size <= this.limits.maxInFlight / 2) {
      this.resume('in-flight');
    }
    if (this.state === 'closing' && this.replies.size === 0) {
      if (this.farewell !== undefined) this.link.write(this.farewell);
      this.farewell = undefined;
      this.link.end();
    }
  }

  private pause(cause: PauseCause): void {
    if (this.pausedBy.has(cause)) return;
    this.pausedBy.add(cause);
    this.link.pause();
    this.observer?.paused(this, cause);
  }

  private resume(cause: PauseCause): void {
    if (!this.pausedBy.delete(cause)) return;
    this.observer?.resumed(this, cause);
    if (this.pausedBy.size === 0 && this.state === 'open') this.link.resume();
  }
}
