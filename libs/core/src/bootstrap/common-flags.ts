import { accessSync, constants } from 'node:fs';
import type { FlagSpecs } from './flags';

const port = (value: number) =>
  Number.isInteger(value) && value >= 0 && value <= 65535 ? undefined : `expected a port from 0 to 65535 (0 = any free port), got ${value}`;
const positive = (value: number) => (Number.isInteger(value) && value > 0 ? undefined : `expected a whole number above 0, got ${value}`);
const nonNegative = (value: number) => (Number.isInteger(value) && value >= 0 ? undefined : `expected a whole number, 0 or more, got ${value}`);
const readable = (path: string) => {
  try {
    accessSync(path, constants.R_OK);
    return undefined;
  } catch {
    return `cannot read '${path}': check the path and its permissions`;
  }
};

/** Flags every Weir app has; an app adds its own and sets its default port. */
export function commonFlags(defaultPort: number): FlagSpecs {
  return {
    port: { type: 'number', description: 'TCP port to listen on (0 = any free port)', default: defaultPort, validate: port },
    host: { type: 'string', description: 'Interface to bind (use 0.0.0.0 or :: to accept remote peers)', default: '127.0.0.1', value: 'ADDR' },
    'log-level': {
      type: 'string',
      description: 'fatal, error, warn, info, debug, trace or silent',
      default: 'info',
      value: 'LEVEL',
      validate: (level: string) =>
        ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].includes(level) ? undefined : `unknown log level '${level}'`,
    },
    tls: { type: 'boolean', description: 'Serve TLS; needs --cert and --key', default: false },
    cert: { type: 'string', description: 'TLS certificate chain (PEM)', value: 'PATH', validate: readable },
    key: { type: 'string', description: 'TLS private key (PEM)', value: 'PATH', validate: readable },
    'max-connections': { type: 'number', description: 'Refuse connections past this many', default: 10000, validate: positive },
    'idle-timeout': { type: 'number', description: 'Close a peer silent this many ms (0 = never)', value: 'MS', default: 0, validate: nonNegative },
    'shutdown-grace': { type: 'number', description: 'On SIGTERM, ms to finish in-flight work before closing hard', value: 'MS', default: 5000, validate: nonNegative },
    workers: { type: 'number', description: 'Worker processes sharing the port (stateless services only)', default: 1, validate: positive },
    'metrics-port': {
      type: 'number',
      description: 'Serve Prometheus metrics at http://127.0.0.1:N/metrics (0 = any free port; off unless given)',
      value: 'N',
      validate: port,
    },
  };
}
