import type { Connection } from './connection';

export interface IdleEvent {
  readonly kind: 'read' | 'write';
  /** How many idle periods in a row, without a read (or write) between: 1, then 2... */
  readonly count: number;
}

/**
 * Liveness per service, after Netty's IdleStateHandler: silence turns into
 * events, and the service decides what each means (send the protocol's ping,
 * or close). Without `onIdle`, the first read-idle period closes the connection.
 */
export interface IdlePolicy<In, Out> {
  /** No bytes from the peer for this long (0 or absent: never). */
  readonly readIdleMs?: number;
  /** Nothing written to the peer for this long (0 or absent: never). */
  readonly writeIdleMs?: number;
  onIdle?(connection: Connection<In, Out>, event: IdleEvent): void;
}
