import * as net from 'node:net';
import * as tls from 'node:tls';
import { container as globalContainer } from 'tsyringe';
import type { Codec, DecoderLimits } from '@weir/codecs';
import { Connection, type BackpressureLimits, defaultBackpressure } from './connection';
import { bindSocket } from './socket-binding';
import { SocketLink } from './socket-link';

export interface ConnectOptions<In, Out> {
  readonly host?: string;
  readonly port: number;
  /** The client side of the protocol: decodes what the server sends (`In`), encodes what we send (`Out`). */
  readonly codec: Codec<In, Out>;
  /** Connect with TLS (node:tls) using these options (ca, servername, rejectUnauthorized...). */
  readonly tls?: tls.ConnectionOptions;
  readonly limits?: DecoderLimits;
  readonly backpressure?: Partial<BackpressureLimits>;
  readonly noDelay?: boolean;
  /** Give up connecting after this long (default 10,000 ms). */
  readonly timeoutMs?: number;
}

let nextClientId = 0;

/** Opens an outgoing connection with the same Connection API a server's handlers see. */
export function connect<In, Out>(options: ConnectOptions<In, Out>): Promise<Connection<In, Out>> {
  const host = options.host ?? '127.0.0.1';
  return new Promise((resolve, reject) => {
    const socket: net.Socket = options.tls
      ? tls.connect({ ...options.tls, host, port: options.port })
      : net.connect({ host, port: options.port, allowHalfOpen: true });
    const ready = options.tls ? 'secureConnect' : 'connect';
    const timer = setTimeout(() => socket.destroy(new Error(`connect to ${host}:${options.port} timed out`)), options.timeoutMs ?? 10_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      reject(error);
    };
    socket.once('error', fail);
    socket.once(ready, () => {
      clearTimeout(timer);
      socket.off('error', fail);
      socket.setNoDelay(options.noDelay ?? true);
      const link = new SocketLink<Out>(socket, (message) => options.codec.encode(message), {
        flushed: () => connection.flushed(),
        drained: () => connection.drained(),
      });
      const connection = new Connection<In, Out>({
        id: ++nextClientId,
        remoteAddress: socket.remoteAddress ?? host,
        remotePort: socket.remotePort ?? options.port,
        link,
        container: globalContainer.createChildContainer(),
        limits: { ...defaultBackpressure, ...options.backpressure },
      });
      bindSocket(socket, connection, options.codec.createDecoder(options.limits));
      resolve(connection);
    });
  });
}
