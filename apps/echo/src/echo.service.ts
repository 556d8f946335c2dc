import { Buffer } from 'node:buffer';
import { rawCodec } from '@weir/codecs';
import type { ServerOptions, ServiceDefinition } from '@weir/core';
import { EchoPlugin } from './echo.plugin';

export const ECHO_DEFAULT_PORT = 7007;

/** The echo service's server options: the raw codec and one plugin, nothing around the framework. */
export function echoServerOptions(): ServerOptions<Buffer, Buffer> {
  return { codec: rawCodec(), plugins: [EchoPlugin] };
}

export const echoService: ServiceDefinition<Record<string, never>, Buffer, Buffer> = {
  name: 'echo',
  summary: 'RFC 862 echo: every byte comes back unchanged',
  defaultPort: ECHO_DEFAULT_PORT,
  stateless: true,
  create: () => echoServerOptions(),
};
