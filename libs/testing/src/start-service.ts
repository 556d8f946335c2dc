import { createServer, type ServerOptions, type WeirServer } from '@weir/core';
import type { Codec } from '@weir/codecs';
import { TestClient } from './test-client';

export interface RunningService<In, Out, ClientIn, ClientOut> {
  readonly server: WeirServer<In, Out>;
  readonly host: string;
  readonly port: number;
  /** A new client speaking the service's protocol from the client side. */
  client(): Promise<TestClient<ClientIn, ClientOut>>;
  /** Closes every client made here, then the server. */
  close(): Promise<void>;
}

/**
 * Starts a service on 127.0.0.1 and an ephemeral port. `clientCodec` is the
 * client side of the protocol; for symmetric codecs (lines, JSON lines, raw,
 * IRC) the server's codec serves, and is the default.
 */
export async function startService<In, Out, ClientIn = Out, ClientOut = In>(
  options: ServerOptions<In, Out>,
  clientCodec?: Codec<ClientIn, ClientOut>,
): Promise<RunningService<In, Out, ClientIn, ClientOut>> {
  const server = createServer({ ...options, host: options.host ?? '127.0.0.1', port: options.port ?? 0 });
  const address = await server.listen();
  const codec = clientCodec ?? (options.codec as unknown as Codec<ClientIn, ClientOut>);
  const clients: TestClient<ClientIn, ClientOut>[] = [];
  return {
    server,
    host: address.address,
    port: address.port,
    async client() {
      const client = await TestClient.connect(address.port, codec, address.address);
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => (c.connection.isClosed ? undefined : c.close())));
      await server.close(1000);
    },
  };
}
