// Spec-only helpers for libs/core. They cannot come from @weir/testing, which
// depends on core (testing → core → testing would be a cycle), so the few a
// core spec needs live here, over real sockets on 127.0.0.1.
import { Buffer } from 'node:buffer';
import * as net from 'node:net';
import { filter, firstValueFrom, take, timeout, type Observable } from 'rxjs';
import { container } from 'tsyringe';
import type { Codec, Decoder, DecoderLimits } from '@weir/codecs';
import { connect } from '../client';
import { Connection, type ConnectionInit } from '../connection';
import { MemoryLink } from '../memory-link';
import { createServer, type WeirServer } from '../server';
import type { ServerEvent } from '../server-events';
import type { ServerOptions } from '../server-options';

/** Upper bound for anything a test waits on "eventually"; never a speed assertion. */
export const EVENTUALLY_MS = 5000;

export interface Listening<In, Out> {
  readonly server: WeirServer<In, Out>;
  readonly port: number;
}

/** A server on 127.0.0.1 and an ephemeral port. */
export async function listen<In, Out>(options: ServerOptions<In, Out>): Promise<Listening<In, Out>> {
  const server = createServer({ ...options, port: 0 });
  const address = await server.listen();
  return { server, port: address.port };
}

/** Resolves once `check` holds, polling; rejects after `ms` with `what` in the message. */
export async function until(check: () => boolean, what = 'condition', ms = EVENTUALLY_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

// An intersection, not Extract: 'paused' and 'resumed' share one member of the union.
type EventOf<T extends ServerEvent['type']> = ServerEvent & { readonly type: T };

/** The next server event of `type` matching `match`; subscribe before acting. */
export function nextEvent<T extends ServerEvent['type']>(
  server: { readonly events$: Observable<ServerEvent> },
  type: T,
  match: (event: EventOf<T>) => boolean = () => true,
): Promise<EventOf<T>> {
  return firstValueFrom(
    server.events$.pipe(
      filter((event): event is EventOf<T> => event.type === type && match(event as EventOf<T>)),
      take(1),
      timeout(EVENTUALLY_MS),
    ),
  );
}

/**
 * A peer on a plain socket, for the cases core's own client would hide:
 * exact byte splits, half-close, a peer that never reads. Collects text.
 */
export class RawPeer {
  text = '';
  /** Characters received (bytes, for ASCII replies). */
  received = 0;
  readonly ended: Promise<void>;
  readonly closed: Promise<void>;
  private endedFlag = false;
  /** Off for peers that receive megabytes and only count them. */
  keepText = true;

  private constructor(readonly socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      this.received += chunk.length;
      if (this.keepText) this.text += chunk;
    });
    socket.on('error', () => undefined);
    this.ended = new Promise((resolve) => socket.once('end', () => ((this.endedFlag = true), resolve())));
    this.closed = new Promise((resolve) => socket.once('close', () => resolve()));
  }

  /**
   * `read: false` never reads (the socket stays paused). `halfOpen: true` keeps
   * our side open after the server's FIN, as a stubborn peer would; by default
   * the peer ends its side in answer, as most clients do.
   */
  static open(port: number, options: { read?: boolean; halfOpen?: boolean; localAddress?: string } = {}): Promise<RawPeer> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port, allowHalfOpen: options.halfOpen ?? false, localAddress: options.localAddress });
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        const peer = new RawPeer(socket);
        if (options.read === false) socket.pause();
        resolve(peer);
      });
    });
  }

  get hasEnded(): boolean {
    return this.endedFlag;
  }

  write(data: string | Buffer): void {
    this.socket.write(data);
  }

  /** Complete lines received so far (LF-terminated, CR stripped). */
  lines(): string[] {
    const parts = this.text.split('\n');
    parts.pop();
    return parts.map((line) => line.replace(/\r$/, ''));
  }

  async waitForLines(count: number): Promise<string[]> {
    await until(() => this.lines().length >= count, `${count} lines (have ${JSON.stringify(this.text)})`);
    return this.lines();
  }

  async destroy(): Promise<void> {
    this.socket.destroy();
    await this.closed;
  }
}

/**
 * Wraps a codec so a spec can see each chunk the server's decoders were
 * given: how the bytes were split on the wire is then known, not assumed.
 */
export function recordingCodec<In, Out>(inner: Codec<In, Out>): Codec<In, Out> & { readonly chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  return {
    name: `recorded ${inner.name}`,
    chunks,
    encode: (message: Out) => inner.encode(message),
    createDecoder(limits?: DecoderLimits): Decoder<In> {
      const decoder = inner.createDecoder(limits);
      return {
        decode(chunk: Buffer) {
          chunks.push(Buffer.from(chunk));
          return decoder.decode(chunk);
        },
      };
    },
  };
}

/** A promise with its resolve in hand, for handlers a spec finishes by hand. */
export function deferred<T = void>(): { promise: Promise<T>; resolve(value: T): void; reject(error: unknown): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Core's own client, with every message it receives kept in order. */
export interface CollectingClient<In, Out> {
  readonly connection: Connection<In, Out>;
  readonly received: In[];
  /** Resolves with everything received once there are at least `count` messages. */
  waitFor(count: number): Promise<In[]>;
  destroy(): Promise<void>;
}

export async function collectingClient<In, Out>(port: number, codec: Codec<In, Out>): Promise<CollectingClient<In, Out>> {
  const connection = await connect({ port, codec });
  const received: In[] = [];
  connection.messages$.subscribe((message) => received.push(message));
  const closed = firstValueFrom(connection.closed$);
  return {
    connection,
    received,
    async waitFor(count) {
      await until(() => received.length >= count, `${count} messages (have ${JSON.stringify(received)})`);
      return received;
    },
    async destroy() {
      connection.destroy({ kind: 'closed' });
      await closed;
    },
  };
}

/** A Connection over a MemoryLink, in a fresh container. */
export function memoryConnection<In, Out>(init: Partial<ConnectionInit<Out>> = {}): { connection: Connection<In, Out>; link: MemoryLink<Out> } {
  const link = new MemoryLink<Out>();
  const connection = new Connection<In, Out>({
    id: 1,
    remoteAddress: '127.0.0.1',
    remotePort: 40000,
    container: container.createChildContainer(),
    link,
    ...init,
  });
  return { connection, link };
}
