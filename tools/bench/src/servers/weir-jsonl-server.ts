import { createServer } from '@weir/core';
import type { ListeningServer } from './server-kinds';
import { weirJsonLinesOptions } from './weir-jsonl-service';

/** The Weir request/response service on its own server, as `server --kind weir-jsonl` runs it. */
export async function startWeirJsonLines(host: string, port: number): Promise<ListeningServer> {
  const server = createServer({ ...weirJsonLinesOptions(), host, port });
  const address = await server.listen();
  return { port: address.port, close: () => server.close(1000) };
}
