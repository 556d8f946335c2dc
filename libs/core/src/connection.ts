import { AsyncSubject, config, filter, Observable, Subject } from 'rxjs';
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

/**
 * What the pipeline hands a connection to be fed by a direct call, ahead of
 * (and instead of, when nobody else listens) the `input$` Subject.
 * @internal
 */
export interface InputFeed<In> {
  next(item: Decoded<In>): void;
  error(error: ProtocolError): void;
}

export interface ConnectionInit<Out> {
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly link: Link<Out>;
  readonly container: DependencyContainer;
  readonly limits?: BackpressureLimits;
  readonly observer?: ConnectionObserver;
  /** How long close() waits for handlers still owing replies before destroying (default 5,000 ms). */
  readonly closeGraceMs?: number;
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
  /** The pipeline, fed by a direct call; `input` is fed only while something observes it. */
  private feed: InputFeed<In> | undefined;
  private readonly closedSubject = new AsyncSubject<CloseReason>();
  private readonly link: Link<Out>;
  private readonly limits: BackpressureLimits;
  private readonly observer: ConnectionObserver | undefined;
  private readonly pausedBy = new Set<PauseCause>();
  private state: 'open' | 'closing' | 'closed' = 'open';
  private reason: CloseReason | undefined;
  private farewell: Out | Frame | undefined;
  private readonly closeGraceMs: number;
  private closeTimer: NodeJS.Timeout | undefined;
  private destroyed = false;
  /** Decoded items of a read not yet handled because the connection paused part-way through it. */
  private backlog: readonly Decoded<In>[] | undefined;
  private backlogAt = 0;
  /** The peer ended while a backlog waited: complete the input once it is handled. */
  private endAfterBacklog = false;

  constructor(init: ConnectionInit<Out>) {
    this.id = init.id;
    this.remoteAddress = init.remoteAddress;
    this.remotePort = init.remotePort;
    this.container = init.container;
    this.link = init.link;
    this.limits = init.limits ?? defaultBackpressure;
    this.observer = init.observer;
    this.closeGraceMs = init.closeGraceMs ?? 5000;
    this.input$ = this.input.asObservable();
    this.messages$ = this.input$.pipe(filter((item): item is In => !(item instanceof ProtocolError)));
    this.closed$ = this.closedSubject.asObservable();
    this.replies = new OrderedReplies<Out>(
      (item) => this.write(item),
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
    this.write(item);
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
    // Reads nothing more into the pipeline, but keeps the link reading (the
    // binding drops what comes): a paused socket with unread bytes never sees
    // the peer's FIN, and closing a socket with unread input sends a reset
    // that can destroy the last replies before the peer has read them.
    this.link.resume();
    this.onRepliesSettled();
    if (this.state === 'closing' && this.replies.size > 0) {
      // A handler that never finishes (a hung call, an endless Observable after
      // the peer has gone) must not hold a closing connection open forever.
      this.closeTimer = setTimeout(() => this.destroy(this.reason ?? reason), this.closeGraceMs);
      this.closeTimer.unref();
    }
  }

  /** Closes at once, dropping anything not yet written. */
  destroy(reason: CloseReason): void {
    if (this.state === 'closed' || this.destroyed) return;
    // Handle nothing more, even before the link reports the close.
    if (this.state === 'open') this.state = 'closing';
    this.destroyed = true;
    this.reason ??= reason;
    this.link.destroy();
  }

  /**
   * Lets the pipeline take each item by a direct call rather than through an
   * `input$` subscription (a Subject `next` per message on the hot path).
   * Granted only to the first consumer, while `input$` has no observer yet, so
   * the order in which consumers see an item is the order they attached.
   * Returns a teardown, or undefined when refused (subscribe to `input$` then).
   * @internal
   */
  feedDirect(feed: InputFeed<In>): (() => void) | undefined {
    if (this.feed !== undefined || this.input.observed || this.input.closed || this.state === 'closed') return undefined;
    this.feed = feed;
    return () => {
      if (this.feed === feed) this.feed = undefined;
    };
  }

  /** Feeds decoded items in; replies produced while handling them leave in one write. */
  receive(items: readonly Decoded<In>[]): void {
    if (this.state !== 'open') return;
    this.lastReadAt = Date.now();
    if (this.backlog) {
      // Items fed while paused (the in-memory link cannot stop its feeder) wait their turn.
      this.backlog = this.backlog.slice(this.backlogAt).concat(items);
      this.backlogAt = 0;
      return;
    }
    this.deliver(items, 0);
  }

  /**
   * Hands items to the pipeline until the connection pauses; the rest wait for
   * resume(). Pausing the socket alone would not stop them: one read can hold
   * thousands of pipelined requests, and their replies would pile up unbounded.
   */
  private deliver(items: readonly Decoded<In>[], from: number): void {
    this.backlog = undefined;
    this.link.cork();
    try {
      for (let at = from; at < items.length && this.state === 'open'; at++) {
        if (this.pausedBy.size > 0) {
          this.backlog = items;
          this.backlogAt = at;
          return;
        }
        const item = items[at];
        const feed = this.feed;
        if (feed !== undefined) feedNext(feed, item);
        if (this.input.observed) this.input.next(item);
      }
    } finally {
      this.link.uncork();
    }
    if (this.endAfterBacklog) {
      this.endAfterBacklog = false;
      this.peerEnded();
    }
  }

  /** A fatal protocol error: the pipeline replies (if the protocol has a reply), then the connection closes. */
  failProtocol(error: ProtocolError): void {
    if (this.state !== 'open') return;
    this.reason ??= { kind: 'protocol-error', detail: error.message };
    this.link.cork();
    try {
      const feed = this.feed;
      this.feed = undefined;
      if (feed !== undefined) feedError(feed, error);
      this.input.error(error);
    } finally {
      this.link.uncork();
    }
    this.close(this.reason);
  }

  /** The peer half-closed: finish the replies owed, then end our side too. */
  peerEnded(): void {
    if (this.state !== 'open') return;
    if (this.backlog) {
      this.endAfterBacklog = true;
      return;
    }
    this.feed = undefined;
    this.input.complete();
    this.close({ kind: 'peer-end' });
  }

  /** The link reports that it has gone (socket 'close'). */
  linkClosed(error?: Error): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.closeTimer);
    const reason = this.reason ?? (error ? { kind: 'peer-reset' as const, detail: error.message } : { kind: 'peer-end' as const });
    this.feed = undefined;
    if (!this.input.closed) this.input.complete();
    this.closedSubject.next(reason);
    this.closedSubject.complete();
    this.observer?.closed(this, reason);
    void this.container.dispose();
  }

  /** The link reports a flush (every write has already checked the water marks). */
  flushed(): void {
    this.lastWriteAt = Date.now();
  }

  /** The link reports that its write buffer emptied. */
  drained(): void {
    this.resume('output');
  }

  /** Called by the pipeline after it opens a reply slot. */
  checkInFlight(): void {
    if (this.replies.size > this.limits.maxInFlight) this.pause('in-flight');
  }

  /**
   * Every write checks the water marks, not only each flush: the replies to one
   * read are flushed together, and could pass any limit many times over first.
   */
  private write(item: Out | Frame): void {
    this.link.write(item);
    this.checkOutput();
  }

  private checkOutput(): void {
    const pending = this.link.pendingBytes;
    if (pending <= this.limits.highWaterMark) return;
    if (pending > this.limits.maxPendingOutputBytes) {
      this.destroy({ kind: 'output-limit', detail: `${pending} bytes unread by the peer` });
    } else {
      this.pause('output');
    }
  }

  private onRepliesSettled(): void {
    if (this.pausedBy.has('in-flight') && this.replies.size <= this.limits.maxInFlight / 2) {
      this.resume('in-flight');
    }
    if (this.state === 'closing' && this.replies.size === 0 && !this.destroyed) {
      if (this.farewell !== undefined) this.link.write(this.farewell);
      this.farewell = undefined;
      // Every reply is out: from here the link's own linger bounds the close.
      clearTimeout(this.closeTimer);
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
    if (this.pausedBy.size > 0 || this.state !== 'open') return;
    if (this.backlog) this.deliver(this.backlog, this.backlogAt);
    if (this.pausedBy.size === 0 && this.state === 'open') this.link.resume();
  }
}

/**
 * A throw from the feed is reported as RxJS reports one from a subscriber's
 * `next` (asynchronously, as an uncaught error), and the items after it are still fed.
 */
function feedNext<In>(feed: InputFeed<In>, item: Decoded<In>): void {
  try {
    feed.next(item);
  } catch (error) {
    reportUnhandled(error);
  }
}

function feedError<In>(feed: InputFeed<In>, error: ProtocolError): void {
  try {
    feed.error(error);
  } catch (thrown) {
    reportUnhandled(thrown);
  }
}

function reportUnhandled(error: unknown): void {
  setTimeout(() => {
    const { onUnhandledError } = config;
    if (onUnhandledError) onUnhandledError(error);
    else throw error;
  });
}
