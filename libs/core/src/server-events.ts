import type { AddressInfo } from 'node:net';
import type { ProtocolError } from '@weir/codecs';
import type { CloseReason } from './close-reason';
import type { AnyConnection, PauseCause } from './connection';

/** Everything a server reports about itself, for logs, metrics and tests. */
export type ServerEvent =
  | { readonly type: 'listening'; readonly address: AddressInfo }
  | { readonly type: 'connection-open'; readonly connection: AnyConnection }
  | {
      readonly type: 'connection-close';
      readonly connection: AnyConnection;
      readonly reason: CloseReason;
      readonly durationMs: number;
      readonly bytesIn: number;
      readonly bytesOut: number;
      readonly messagesIn: number;
    }
  | { readonly type: 'connection-rejected'; readonly remoteAddress: string; readonly reason: string }
  | { readonly type: 'paused' | 'resumed'; readonly connection: AnyConnection; readonly cause: PauseCause }
  | { readonly type: 'protocol-error'; readonly connection: AnyConnection; readonly error: ProtocolError }
  | { readonly type: 'handler-error'; readonly connection: AnyConnection; readonly route: string; readonly error: unknown }
  | { readonly type: 'closing' }
  | { readonly type: 'closed' };

/** Point-in-time counts, for tests and for the metrics endpoint. */
export interface ServerStats {
  readonly connections: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly paused: number;
  readonly pendingOutputBytes: number;
  /** Bytes read from peers since start: closed connections' totals plus what open ones have read so far. */
  readonly bytesIn: number;
  /** Bytes the kernel has taken for peers since start, counted the same way. */
  readonly bytesOut: number;
  /** Connection containers not yet disposed: should fall back to 0 when every peer has gone. */
  readonly liveContainers: number;
}
