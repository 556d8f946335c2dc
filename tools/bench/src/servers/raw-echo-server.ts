import * as net from 'node:net';

/**
 * The hand-written baseline for echo: what a careful programmer writes with
 * node:net alone. Each read is written straight back; reading pauses while
 * the socket's write buffer is full, and the half-close is passed on.
 */
export function createRawEchoServer(): net.Server {
  return net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    socket.on('data', (chunk: Buffer) => {
      if (!socket.write(chunk)) socket.pause();
    });
    socket.on('drain', () => socket.resume());
    socket.on('end', () => socket.end());
    socket.on('error', () => socket.destroy());
  });
}
