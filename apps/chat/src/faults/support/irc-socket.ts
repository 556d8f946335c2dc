import type * as net from 'node:net';
import { connectPlain, PlainPeer, until } from '@weir/testing';

/**
 * An IRC peer on a plain socket, for what a client library would never do:
 * trickle a line byte by byte, stop reading. Keeps the text it receives.
 */
export class IrcSocket extends PlainPeer {
  text = '';
  received = 0;
  /** Lines received (LFs counted). */
  lines = 0;
  /** Off: keep only the last few KB of text (for peers that receive megabytes). */
  keepText = true;

  private constructor(socket: net.Socket) {
    super(socket);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.received += chunk.length;
      for (let at = chunk.indexOf('\n'); at !== -1; at = chunk.indexOf('\n', at + 1)) this.lines++;
      this.text = this.keepText ? this.text + chunk : (this.text + chunk).slice(-4096);
    });
  }

  static async open(port: number): Promise<IrcSocket> {
    return new IrcSocket(await connectPlain(port));
  }

  send(line: string): void {
    this.socket.write(`${line}\r\n`, 'latin1');
  }

  /** Waits for `text` to appear in what the server sent. */
  async waitFor(text: string, what = JSON.stringify(text)): Promise<void> {
    await until(() => this.text.includes(text), what);
  }

  /** NICK, USER and JOIN; resolves once the channel's names list has ended. */
  async registerAndJoin(nick: string, channel: string): Promise<void> {
    this.send(`NICK ${nick}`);
    this.send(`USER ${nick} 0 * :${nick}`);
    this.send(`JOIN ${channel}`);
    await this.waitFor(` 366 ${nick} ${channel} `, `${nick} to join ${channel}`);
  }

  /** Stops reading: what the server sends piles up in the kernel, then in the server. */
  stopReading(): void {
    this.socket.pause();
  }
}
