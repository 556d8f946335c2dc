import * as net from 'node:net';

/**
 * The hand-written baseline for idle connections: what a careful programmer
 * writes with node:net alone to hold clients. It answers whatever arrives
 * (echo) so a client can tell it is served, and passes a half-close on.
 * It loads nothing of Weir, so its memory is a fair floor.
 */
export function baselineServerCommand(argv: readonly string[]): Promise<number> {
  const port = Number(argv[argv.indexOf('--port') + 1] ?? 0) || 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => {
      if (!socket.write(chunk)) socket.pause();
    });
    socket.on('drain', () => socket.resume());
    socket.on('end', () => socket.end());
    socket.on('error', () => socket.destroy());
    socket.on('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      process.stdout.write(`node:net baseline listening on tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}\n`);
      const stop = () => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}
