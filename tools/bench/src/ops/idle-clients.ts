import type * as net from 'node:net';
import { closeOrdered, report } from './client-process';
import { inWaves, openSocket, waitForText } from './sockets';

export type IdleMode = 'raw' | 'irc' | 'resp';

/** Connecting in waves keeps the server's accept backlog (511) from overflowing. */
const CONCURRENCY = 250;

/** One idle client: connected and served once (a line echoed, an IRC registration, a PING answered), then silent. */
async function idleClient(port: number, mode: IdleMode, index: number): Promise<net.Socket> {
  const socket = await openSocket(port);
  if (mode === 'raw') {
    socket.write('hello\r\n');
    await waitForText(socket, (text) => text.includes('hello\r\n'));
  } else if (mode === 'resp') {
    // As a client library sends it: a RESP array, not an inline command.
    socket.write('*1\r\n$4\r\nPING\r\n');
    await waitForText(socket, (text) => text.includes('+PONG\r\n'));
  } else {
    socket.write(`NICK u${index}\r\nUSER u${index} 0 * :idle ${index}\r\n`);
    // End of MOTD, or no MOTD: registration is complete.
    await waitForText(socket, (text) => / (376|422) /.test(text));
    // Answer the server's PINGs, should the run outlast its interval.
    socket.on('data', (chunk: Buffer) => {
      const ping = /^PING (.*)\r?$/m.exec(chunk.toString('latin1'));
      if (ping) socket.write(`PONG ${ping[1]}\r\n`);
    });
  }
  socket.resume();
  return socket;
}

/** Client role `idle-clients --port P --count N --mode raw|irc|resp`: opens N clients, reports, holds them until told. */
export async function idleClientsCommand(argv: readonly string[]): Promise<number> {
  const arg = (name: string) => argv[argv.indexOf(`--${name}`) + 1];
  const port = Number(arg('port'));
  const count = Number(arg('count'));
  const mode: IdleMode = arg('mode') === 'irc' ? 'irc' : arg('mode') === 'resp' ? 'resp' : 'raw';
  const started = Date.now();
  let sockets: net.Socket[];
  try {
    sockets = await inWaves(count, CONCURRENCY, (index) => idleClient(port, mode, index));
  } catch (error) {
    report({ type: 'failed', message: `opening ${count} ${mode} clients: ${(error as Error).message}` });
    return 1;
  }
  report({ type: 'ready', connected: sockets.length, elapsedMs: Date.now() - started });
  await closeOrdered();
  for (const socket of sockets) socket.destroy();
  return 0;
}
