import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { MetricsEndpoint } from '../metrics/serve-metrics';
import { ServiceMetrics } from '../metrics/service-metrics';
import { createServer, type WeirServer } from '../server';
import type { ServerOptions } from '../server-options';
import { commonFlags } from './common-flags';
import { ConfigError, helpText, parseFlags, type FlagSpecs, type FlagValues } from './flags';
import { createLogger } from './logger';

/** The flags every app has, parsed. */
export interface CommonConfig {
  port: number;
  host: string;
  logLevel: string;
  tls: boolean;
  cert: string | undefined;
  key: string | undefined;
  maxConnections: number;
  idleTimeout: number;
  shutdownGrace: number;
  workers: number;
  /** Where to serve Prometheus metrics; undefined: nowhere. */
  metricsPort: number | undefined;
}

export type AppConfig<F extends FlagSpecs> = CommonConfig & FlagValues<F>;

export interface ServiceDefinition<F extends FlagSpecs, In, Out> {
  /** The app's name: `npm run <name>`, `WEIR_<NAME>_*` variables, log lines. */
  readonly name: string;
  /** One line for --help. */
  readonly summary: string;
  readonly defaultPort: number;
  /** The app's own flags, beside the common ones. */
  readonly flags?: F;
  /** Keeps no state between connections, so --workers may run copies of it. */
  readonly stateless?: boolean;
  /** The app's server options; host, port, TLS, limits and logger from the common flags are merged under them. */
  create(config: AppConfig<F>, logger: Logger): ServerOptions<In, Out> | Promise<ServerOptions<In, Out>>;
  /** After listen: e.g. print where to connect, start a metrics endpoint. */
  started?(server: WeirServer<In, Out>, address: AddressInfo, config: AppConfig<F>, logger: Logger): void | Promise<void>;
}

export interface RunningApp<In, Out> {
  readonly server: WeirServer<In, Out>;
  readonly address: AddressInfo;
  /** The metrics endpoint, when --metrics-port is given. */
  readonly metrics?: MetricsEndpoint;
  stop(): Promise<void>;
}

/** Exit status for bad configuration, so scripts can tell it from a crash. */
export const EXIT_CONFIG = 2;

/**
 * The whole life of an app process: flags (with --help), logs, TLS files,
 * the server, SIGINT/SIGTERM for a graceful close, and --workers via node:cluster.
 */
export async function runService<F extends FlagSpecs, In, Out>(
  definition: ServiceDefinition<F, In, Out>,
  argv: readonly string[] = process.argv.slice(2),
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningApp<In, Out> | undefined> {
  const specs = { ...commonFlags(definition.defaultPort), ...definition.flags };
  let config: AppConfig<F> & { help: boolean };
  let options: ServerOptions<In, Out>;
  let logger: Logger;
  let metrics: ServiceMetrics | undefined;
  try {
    config = parseFlags(definition.name, specs, argv, env) as unknown as AppConfig<F> & { help: boolean };
    if (config.help) {
      process.stdout.write(helpText(definition.name, definition.summary, specs));
      return undefined;
    }
    if (config.tls && (!config.cert || !config.key)) {
      throw new ConfigError('--tls needs --cert <PATH> and --key <PATH> (PEM files)');
    }
    if (config.workers > 1 && !definition.stateless) {
      throw new ConfigError(
        `${definition.name} keeps its state in one process, so --workers ${config.workers} would split it; run one process per port instead`,
      );
    }
    if (config.metricsPort !== undefined && config.workers > 1) {
      throw new ConfigError('--metrics-port serves one process, and with --workers each scrape would reach a random worker: drop one of them');
    }
    logger = createLogger(definition.name, config.logLevel);
    if (config.workers > 1 && cluster.isPrimary) {
      forkWorkers(config.workers, logger);
      return undefined;
    }
    options = {
      host: config.host,
      port: config.port,
      maxConnections: config.maxConnections,
      shutdownGraceMs: config.shutdownGrace,
      idle: config.idleTimeout > 0 ? { readIdleMs: config.idleTimeout } : undefined,
      tls: config.tls ? { cert: readFileSync(config.cert as string), key: readFileSync(config.key as string) } : undefined,
      logger,
      ...(await definition.create(config, logger)),
    };
    if (config.metricsPort !== undefined) {
      metrics = await ServiceMetrics.create();
      options = metrics.instrument(options);
    }
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${definition.name}: ${error.message}\n`);
      process.exitCode = EXIT_CONFIG;
      return undefined;
    }
    throw error;
  }

  const server = createServer(options);
  metrics?.observe(server);
  let address: AddressInfo;
  try {
    address = await server.listen();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const hint =
      code === 'EADDRINUSE'
        ? `port ${config.port} is in use: pick another with --port`
        : code === 'EACCES'
          ? `not allowed to listen on port ${config.port}: use a port above 1023`
          : (error as Error).message;
    process.stderr.write(`${definition.name}: cannot listen on ${config.host}:${config.port}: ${hint}\n`);
    process.exitCode = EXIT_CONFIG;
    return undefined;
  }
  const url = `${config.tls ? 'tls' : 'tcp'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
  logger.info({ url }, `${definition.name} ready`);
  let endpoint: MetricsEndpoint | undefined;
  if (metrics && config.metricsPort !== undefined) {
    try {
      endpoint = await metrics.serve(config.metricsPort);
    } catch (error) {
      await server.close(0);
      const inUse = (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
      const hint = inUse ? `port ${config.metricsPort} is in use: pick another with --metrics-port` : (error as Error).message;
      process.stderr.write(`${definition.name}: cannot serve metrics on 127.0.0.1:${config.metricsPort}: ${hint}\n`);
      process.exitCode = EXIT_CONFIG;
      return undefined;
    }
    logger.info({ url: endpoint.url }, 'metrics ready');
  }
  await definition.started?.(server, address, config, logger);

  let stopping: Promise<void> | undefined;
  // The handlers go once the server has closed (not before: a second signal
  // while closing must still mean "exit now"), so they do not pile up in a
  // process that runs services one after another, as a test suite does.
  const stop = () =>
    (stopping ??= server.close(config.shutdownGrace).finally(async () => {
      await endpoint?.close();
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
    }));
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    logger.info({ signal, graceMs: config.shutdownGrace }, 'shutting down');
    void stop().then(() => process.exit(0));
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  return { server, address, metrics: endpoint, stop };
}

function forkWorkers(count: number, logger: Logger): void {
  for (let i = 0; i < count; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => logger.warn({ worker: worker.process.pid, code, signal }, 'worker exited'));
  const forward = (signal: NodeJS.Signals) => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
  };
  process.on('SIGTERM', () => forward('SIGTERM'));
  process.on('SIGINT', () => forward('SIGINT'));
  logger.info({ workers: count }, 'started workers');
}
