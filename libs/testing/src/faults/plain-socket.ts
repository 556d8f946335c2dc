import type { Buffer } from 'node:buffer';
import * as net from 'node:net';

/** A plain TCP socket to 127.0.0.1:`port`, resolved once connected (a refused connect rejects). */
export function connectPlain(port: number, options: { allowHalfOpen?: boolean } = {}): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: options.allowHalfOpen ?? false });
    socket.once('error', reject);
    socket.once('connect', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

/**
 * Writes `data`, waiting for 'drain' (or the socket's close) when the socket
 * asks, so that a test pushing megabytes never buffers them without bound itself.
 */
export async function writeWithDrain(socket: net.Socket, data: Buffer | string): Promise<void> {
  if (socket.destroyed || socket.write(data)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      socket.off('drain', done);
      socket.off('close', done);
      resolve();
    };
    socket.on('drain', done);
    socket.on('close', done);
  });
}
