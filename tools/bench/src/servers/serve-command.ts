import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { BUILT, workspaceRoot } from '../process/workspace';
import { isServerKind, SERVER_KINDS, startInProcess } from './server-kinds';

const HOST = '127.0.0.1';

export const SERVE_USAGE = `Usage: npm run bench:server -- --kind <${SERVER_KINDS.join('|')}> [--port N]

Starts one benchmark server alone on ${HOST} (port 0, the default, picks a free one)
and prints tcp://${HOST}:<port> once it listens. Stop it with Ctrl-C.
`;

/** `main.js server --kind K --port N`: one server, alone, until SIGINT or SIGTERM. Resolves to an exit status. */
export async function serveCommand(argv: readonly string[]): Promise<number> {
  let kind: string | undefined;
  let port: number;
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: { kind: { type: 'string' }, port: { type: 'string', default: '0' }, help: { type: 'boolean' } },
      strict: true,
    });
    if (values.help) {
      process.stdout.write(SERVE_USAGE);
      return 0;
    }
    kind = values.kind;
    port = Number(values.port);
    if (!kind || !isServerKind(kind)) throw new Error(`--kind must be one of ${SERVER_KINDS.join(', ')}`);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, got '${values.port}'`);
  } catch (error) {
    process.stderr.write(`bench server: ${(error as Error).message}\n\n${SERVE_USAGE}`);
    return 2;
  }

  if (kind === 'weir-echo') return runEchoApp(port);

  const server = await startInProcess(kind, HOST, port);
  process.stdout.write(`${kind} listening on tcp://${HOST}:${server.port}\n`);
  return new Promise<number>((resolve) => {
    const stop = () => void server.close().then(() => resolve(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** weir-echo is the echo app exactly as built (dist/apps/echo/main.js), run as a child with our stdio. */
function runEchoApp(port: number): Promise<number> {
  const root = workspaceRoot();
  const child = spawn(process.execPath, [join(root, BUILT.echoMain), '--port', String(port), '--host', HOST], {
    cwd: root,
    stdio: 'inherit',
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.on('error', (error) => {
      process.stderr.write(`bench server: cannot start the echo app: ${error.message} (run npx nx build echo)\n`);
      resolve(1);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
