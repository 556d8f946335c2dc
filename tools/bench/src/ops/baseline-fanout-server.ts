import * as net from 'node:net';

/**
 * The hand-written baseline for chat fan-out: just enough IRC for the fan-out
 * client (NICK, JOIN answered with 366, PRIVMSG relayed with the sender's
 * prefix to every other member), on node:net alone. No JOIN broadcasts, no
 * registration burst, no parsing beyond the verb: a floor, not a peer.
 */
export function baselineFanoutServerCommand(argv: readonly string[]): Promise<number> {
  const port = Number(argv[argv.indexOf('--port') + 1] ?? 0) || 0;
  const members = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (socket) => {
    let nick = '*';
    let tail = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      const lines = (tail + chunk).split('\r\n');
      tail = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('NICK ')) nick = line.slice(5);
        else if (line.startsWith('JOIN ')) {
          members.add(socket);
          socket.write(`:baseline 366 ${nick} ${line.slice(5)} :End of /NAMES list.\r\n`);
        } else if (line.startsWith('PRIVMSG ')) {
          const relayed = Buffer.from(`:${nick}!${nick}@127.0.0.1 ${line}\r\n`, 'latin1');
          for (const member of members) if (member !== socket) member.write(relayed);
        }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => members.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      process.stdout.write(`node:net fan-out baseline listening on tcp://127.0.0.1:${(server.address() as net.AddressInfo).port}\n`);
      const stop = () => {
        for (const member of members) member.destroy();
        server.close(() => resolve(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  });
}
