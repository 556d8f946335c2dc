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

/**
 * Makes a connection's container when it is first needed (a server's, holding
 * its connection-scoped services), and hears when it has been disposed.
 */
export interface ContainerSource {
  containerFor(connection: AnyConnection): DependencyContainer;
  released(): void;
}

export interface ConnectionInit<Out> {
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly link: Link<Out>;
  /** A container of the connection's own, or where to get one on first use. */
  readonly container: DependencyContainer | ContainerSource;
  readonly limits?: BackpressureLimits;
  readonly observer?: ConnectionObserver;
  /** How long close() waits for handlers still owing replies before destroying (default 5,000 ms). */
  readonly closeGraceMs?: number;
}

const OUTPUT_PAUSE = 1;
const IN_FLIGHT_PAUSE = 2;
const pauseBit = (cause: PauseCause): number => (cause === 'output' ? OUTPUT_PAUSE : IN_FLIGHT_PAUSE);
const isMessage = <In>(item: Decoded<In>): item is In => !(item instanceof ProtocolError);

/**
 * One peer, as streams: decoded messages in, replies out. Per-connection state
 * lives in `container`, below the server's root container.
 *
 * Ten thousand idle peers must cost little more than their sockets, so nothing
 * a connection may never use is made up front: the container, the `input$`,
 * `messages$` and `closed$` streams and their Subjects are made on first use
 * (and a Subject made after the input ended, or after the close, replays that).
 */
export class Connection<In, Out> {
  readonly id: number;
  readonly remoteAddress: string;
  readonly remotePort: number;
  readonly openedAt = Date.now();

  /** Replies still owed, in message order; the pipeline opens a slot per message. */
  readonly replies: OrderedReplies<Out>;

  messagesIn = 0;
  lastReadAt = Date.now();
  lastWriteAt = Date.now();

  /** Made on first use of `input$`; fed only while something observes it. */
  private input: Subject<Decoded<In>> | undefined;
  /** How the input ended before `input` was made: completed (true) or with a fatal error. */
  private inputEnd: true | ProtocolError | undefined;
  private input$View: Observable<Decoded<In>> | undefined;
  private messages$View: Observable<In> | undefined;
  /** The pipeline, fed by a direct call. */
  private feed: InputFeed<In> | undefined;
  private closedSubject: AsyncSubject<CloseReason> | undefined;
  private closed$View: Observable<CloseReason> | undefined;
  /** The container, once given or made. */
  private own: DependencyContainer | undefined;
  private readonly source: ContainerSource | undefined;
  /** The close has disposed the container (or would have): one made later is disposed at once. */
  private containerReleased = false;
  private readonly link: Link<Out>;
  private readonly limits: BackpressureLimits;
  private readonly observer: ConnectionObserver | undefined;
  /** PauseCause bits. */
  private pausedBy = 0;
  private state: 'open' | 'closing' | 'closed' = 'open';
  private reason: CloseReason | undefined;
  private farewell: Out | Frame | undefined;
  private readonly closeGraceMs: number;
  private closeTimer: NodeJS.Timeout | undefined;
  private destroyed = false;
  /** Decoded items of a read not yet handled because the connection paused part-way through it. */
  private backlog: readonly Decoded<In>[] | undefined;
  private backlogAt = 0;
  /**
   * What ended the input while a backlog waited, to act on once it is handled:
   * the peer's end, or a fatal protocol error found after the backlog's messages.
   */
  private afterBacklog: 'end' | ProtocolError | undefined = undefined;

  constructor(init: ConnectionInit<Out>) {
    this.id = init.id;
    this.remoteAddress = init.remoteAddress;
    this.remotePort = init.remotePort;
    if (isContainerSource(init.container)) this.source = init.container;
    else this.own = init.container;
    this.link = init.link;
    this.limits = init.limits ?? defaultBackpressure;
    this.observer = init.observer;
    this.closeGraceMs = init.closeGraceMs ?? 5000;
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
    return this.pausedBy !== 0;
  }

  /** Decoded items in arrival order, including the non-fatal protocol errors that stand in for spoiled frames. */
  get input$(): Observable<Decoded<In>> {
    return (this.input$View ??= this.inputSubject().asObservable());
  }

  /** Decoded messages in arrival order; completes when the peer ends, errors on a fatal protocol error. */
  get messages$(): Observable<In> {
    return (this.messages$View ??= this.input$.pipe(filter(isMessage<In>)));
  }

  /** Emits once, with the reason, when the connection has closed. */
  get closed$(): Observable<CloseReason> {
    return (this.closed$View ??= this.closedNotifier().asObservable());
  }

  /** The connection's own container: its connection-scoped services, and the server's shared ones through it. */
  get container(): DependencyContainer {
    return this.own ?? this.makeContainer();
  }

  /** Bytes read from and written to the peer so far, where the link counts them. */
  get bytesRead(): number {
    return this.link.bytesRead ?? 0;
  }

  get bytesWritten(): number {
    return this.link.bytesWritten ?? 0;
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
    if (this.feed !== undefined || this.input?.observed || this.state === 'closed') return undefined;
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
        if (this.pausedBy !== 0) {
          this.backlog = items;
          this.backlogAt = at;
          return;
        }
        const item = items[at];
        const feed = this.feed;
        if (feed !== undefined) feedNext(feed, item);
        if (this.input?.observed) this.input.next(item);
      }
    } finally {
      this.link.uncork();
    }
    const after = this.afterBacklog;
    if (after !== undefined) {
      this.afterBacklog = undefined;
      if (after === 'end') this.peerEnded();
      else this.failProtocol(after);
    }
  }

  /** A fatal protocol error: the pipeline replies (if the protocol has a reply), then the connection closes. */
  failProtocol(error: ProtocolError): void {
    if (this.state !== 'open') return;
    if (this.backlog) {
      // The messages that came before the error, in the same read, are answered first.
      this.afterBacklog = error;
      return;
    }
    this.reason ??= { kind: 'protocol-error', detail: error.message };
    this.link.cork();
    try {
      const feed = this.feed;
      this.feed = undefined;
      if (feed !== undefined) feedError(feed, error);
      this.endInput(error);
    } finally {
      this.link.uncork();
    }
    this.close(this.reason);
  }

  /** The peer half-closed: finish the replies owed, then end our side too. */
  peerEnded(): void {
    if (this.state !== 'open') return;
    if (this.backlog) {
      this.afterBacklog ??= 'end';
      return;
    }
    this.feed = undefined;
    this.endInput(true);
    this.close({ kind: 'peer-end' });
  }

  /** The link reports that it has gone (socket 'close'). */
  linkClosed(error?: Error): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    clearTimeout(this.closeTimer);
    const reason = (this.reason ??= error ? { kind: 'peer-reset' as const, detail: error.message } : { kind: 'peer-end' as const });
    this.feed = undefined;
    if (this.inputEnd === undefined) this.endInput(true);
    if (this.closedSubject !== undefined) {
      this.closedSubject.next(reason);
      this.closedSubject.complete();
    }
    this.observer?.closed(this, reason);
    // After the observer: onDisconnect hooks may still resolve connection-scoped state.
    this.containerReleased = true;
    if (this.own !== undefined) this.disposeContainer(this.own);
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
    if ((this.pausedBy & IN_FLIGHT_PAUSE) !== 0 && this.replies.size <= this.limits.maxInFlight / 2) {
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
    const bit = pauseBit(cause);
    if ((this.pausedBy & bit) !== 0) return;
    this.pausedBy |= bit;
    this.link.pause();
    this.observer?.paused(this, cause);
  }

  private resume(cause: PauseCause): void {
    const bit = pauseBit(cause);
    if ((this.pausedBy & bit) === 0) return;
    this.pausedBy &= ~bit;
    this.observer?.resumed(this, cause);
    if (this.pausedBy !== 0 || this.state !== 'open') return;
    if (this.backlog) this.deliver(this.backlog, this.backlogAt);
    if (this.pausedBy === 0 && this.state === 'open') this.link.resume();
  }

  private inputSubject(): Subject<Decoded<In>> {
    if (this.input !== undefined) return this.input;
    const input = (this.input = new Subject<Decoded<In>>());
    const end = this.inputEnd;
    if (end === true) input.complete();
    else if (end !== undefined) input.error(end);
    return input;
  }

  /** Ends the input once: completed (true) or with a fatal protocol error. */
  private endInput(end: true | ProtocolError): void {
    if (this.inputEnd !== undefined) return;
    this.inputEnd = end;
    if (end === true) this.input?.complete();
    else this.input?.error(end);
  }

  private closedNotifier(): AsyncSubject<CloseReason> {
    if (this.closedSubject !== undefined) return this.closedSubject;
    const closed = (this.closedSubject = new AsyncSubject<CloseReason>());
    if (this.state === 'closed') {
      closed.next(this.reason as CloseReason);
      closed.complete();
    }
    return closed;
  }

  private makeContainer(): DependencyContainer {
    const made = (this.own = (this.source as ContainerSource).containerFor(this));
    // Asked for after the close: disposed at once, as the close would have done.
    if (this.containerReleased) this.disposeContainer(made);
    return made;
  }

  private disposeContainer(container: DependencyContainer): void {
    void container.dispose();
    this.source?.released();
  }
}

function isContainerSource(scope: DependencyContainer | ContainerSource): scope is ContainerSource {
  return typeof (scope as Partial<ContainerSource>).containerFor === 'function';
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
