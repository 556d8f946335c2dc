import { Buffer } from 'node:buffer';
import { Frame } from '@weir/core';
import { ircCodec, ircMessage, type IrcMessage } from '@weir/codecs';
import { TestClient } from '@weir/testing';

let syncCounter = 0;

/**
 * An IRC client at the protocol level, for edge cases a client library hides:
 * raw lines in (any bytes), decoded messages out.
 */
export class RawIrcClient {
  /** Answer the server's PINGs (they still show up in what the client reads). */
  autoPong = false;

  private constructor(readonly client: TestClient<IrcMessage, IrcMessage>) {
    client.connection.messages$.subscribe((message) => {
      if (this.autoPong && message.command === 'PING') this.command('PONG', message.params[0] ?? '');
    });
  }

  static async connect(port: number): Promise<RawIrcClient> {
    return new RawIrcClient(await TestClient.connect(port, ircCodec({ maxLineBytes: 64 * 1024 })));
  }

  /** Sends one line as given (a latin1 string or raw bytes), CRLF added. */
  send(line: string | Buffer): this {
    const bytes = typeof line === 'string' ? Buffer.from(line + '\r\n', 'latin1') : Buffer.concat([line, Buffer.from('\r\n')]);
    this.client.connection.send(new Frame(bytes));
    return this;
  }

  next(timeoutMs?: number): Promise<IrcMessage> {
    return this.client.next(timeoutMs);
  }

  /** Skips messages until one with `command` arrives. */
  async expect(command: string, timeoutMs = 5000): Promise<IrcMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await this.client.next(Math.max(1, deadline - Date.now()));
      if (message.command === command) return message;
    }
  }

  /** Every message up to and including the first with `command`. */
  async until(command: string, timeoutMs = 5000): Promise<IrcMessage[]> {
    const seen: IrcMessage[] = [];
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = await this.client.next(Math.max(1, deadline - Date.now()));
      seen.push(message);
      if (message.command === command) return seen;
    }
  }

  /**
   * Everything the server sent before it answered a PING sent now: since the
   * server answers in order, this is all it had for us up to this point.
   */
  async sync(): Promise<IrcMessage[]> {
    const token = `sync-${++syncCounter}`;
    this.send(`PING ${token}`);
    const seen: IrcMessage[] = [];
    for (;;) {
      const message = await this.client.next();
      if (message.command === 'PONG' && message.params[message.params.length - 1] === token) return seen;
      seen.push(message);
    }
  }

  /** NICK and USER, then everything up to the end of the MOTD (376 or 422). */
  async register(nick: string, username = nick.toLowerCase(), realname = `${nick} real`): Promise<IrcMessage[]> {
    this.send(`NICK ${nick}`).send(`USER ${username} 0 * :${realname}`);
    return this.untilEndOfMotd();
  }

  async untilEndOfMotd(): Promise<IrcMessage[]> {
    const seen: IrcMessage[] = [];
    for (;;) {
      const message = await this.client.next();
      seen.push(message);
      if (message.command === '376' || message.command === '422') return seen;
    }
  }

  /** Sends a message built from parts (encoded by the codec). */
  command(command: string, ...params: string[]): this {
    this.client.send(ircMessage(command, params));
    return this;
  }

  /** Resolves when the server has closed the connection. */
  get closed(): Promise<unknown> {
    return this.client.closed;
  }

  async close(): Promise<void> {
    if (!this.client.connection.isClosed) await this.client.close();
  }
}
