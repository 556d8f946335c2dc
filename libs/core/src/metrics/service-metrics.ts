import type { Registry } from 'prom-client';
import { pluginMetadata, type PluginClass } from '../plugin';
import type { WeirServer } from '../server';
import type { ServerOptions } from '../server-options';
import { metricsMiddleware } from './metrics-middleware';
import { serveMetrics, type MetricsEndpoint } from './serve-metrics';
import { serverMetrics } from './server-metrics';

/** Every route key the plugins handle: the routes worth a label of their own. */
export function pluginRoutes(plugins: readonly PluginClass[] = []): string[] {
  return plugins.flatMap((plugin) => [...pluginMetadata(plugin).routes.keys()]);
}

/**
 * What `--metrics-port` adds to an app: a registry of its own with Node's
 * process metrics (RSS, event loop lag, GC), the route middleware outermost,
 * the server's metrics and the endpoint.
 */
export class ServiceMetrics {
  private constructor(readonly registry: Registry) {}

  /**
   * prom-client is loaded here, not when @weir/core is: loading it costs about
   * 100 ms and 10 MB, which an app without --metrics-port should not pay.
   */
  static async create(): Promise<ServiceMetrics> {
    const prom = await import('prom-client');
    const registry = new prom.Registry();
    prom.collectDefaultMetrics({ register: registry });
    return new ServiceMetrics(registry);
  }

  instrument<In, Out>(options: ServerOptions<In, Out>): ServerOptions<In, Out> {
    const timing = metricsMiddleware<In, Out>({ routes: pluginRoutes(options.plugins) });
    return { ...options, middleware: [timing, ...(options.middleware ?? [])] };
  }

  observe<In, Out>(server: WeirServer<In, Out>): void {
    serverMetrics(server, this.registry);
  }

  serve(port: number): Promise<MetricsEndpoint> {
    return serveMetrics(port, this.registry);
  }
}
