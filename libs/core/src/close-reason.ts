/**
 * Why a connection ended, for logs, metrics and the connection's own `closed$`.
 * `detail` carries the protocol's words (a QUIT message, a protocol error text).
 */
export interface CloseReason {
  readonly kind:
    | 'peer-end' // the peer half-closed and every reply was written
    | 'peer-reset' // the socket errored or was destroyed by the peer
    | 'closed' // a handler or the application closed it
    | 'protocol-error'
    | 'idle'
    | 'output-limit' // the peer did not read its replies
    | 'server-close' // the server shut down
    | 'rejected'; // refused at accept (max connections, per-IP limit)
  readonly detail?: string;
}
