import type * as net from 'node:net';
import { createRawEchoServer } from './raw-echo-server';
import { createRawJsonLinesServer } from './raw-jsonl-server';

export const SERVER_KINDS = ['raw-echo', 'weir-echo', 'raw-jsonl', 'weir-jsonl'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export function isServerKind(value: string): value is ServerKind {
  return (SERVER_KINDS as readonly string[]).includes(value);
}

/** The kinds the bench program runs itself; weir-echo is the echo app's own build. */
export type InProcessKind = Exclude<ServerKind, 'weir-echo'>;

export interface ListeningServer {
  readonly port: number;
  close(): Promise<void>;
}

function listenNet(server: net.Server, host: string, port: number): Promise<ListeningServer> {
  // net.Server.close() waits for open sockets; a stopping bench server drops them instead.
  const sockets = new Set<net.Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

/** Starts one of the bench's own servers in this process. */
export async function startInProcess(kind: InProcessKind, host: string, port: number): Promise<ListeningServer> {
  switch (kind) {
    case 'raw-echo':
      return listenNet(createRawEchoServer(), host, port);
    case 'raw-jsonl':
      return listenNet(createRawJsonLinesServer(), host, port);
    case 'weir-jsonl':
      // Loaded here only, so the hand-written servers never load Weir (see main.ts).
      return (await import('./weir-jsonl-server')).startWeirJsonLines(host, port);
  }
}
