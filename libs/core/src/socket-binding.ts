import type { Socket } from 'node:net';
import { ProtocolError, type Decoder } from '@weir/codecs';
import type { Connection } from './connection';

/**
 * Wires a socket's events to a connection: bytes through the decoder into
 * `receive`, the peer's end, drain and close. The only place that reads a socket.
 */
export function bindSocket<In, Out>(socket: Socket, connection: Connection<In, Out>, decoder: Decoder<In>): void {
  let lastError: Error | undefined;
  socket.on('data', (chunk: Buffer) => {
    if (!connection.isOpen) return;
    let items;
    try {
      items = decoder.decode(chunk);
    } catch (error) {
      connection.failProtocol(
        error instanceof ProtocolError ? error : new ProtocolError(`decoder failed: ${String(error)}`, 'DECODER_FAILED'),
      );
      return;
    }
    if (items.length > 0) connection.receive(items);
  });
  socket.on('end', () => connection.peerEnded());
  socket.on('drain', () => connection.drained());
  socket.on('error', (error) => (lastError = error));
  socket.on('close', () => connection.linkClosed(lastError));
}
