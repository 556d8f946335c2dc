import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import * as net from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

// The generators as a person runs them: in a copy of this workspace (node_modules
// linked, not copied), through the real `npx nx`, then the generated service's own
// test, lint, typecheck and build targets, then the built service over TCP.
// WEIR_E2E_SOURCE points it at another checkout; WEIR_E2E_KEEP=1 keeps the copy.

const SOURCE = process.env['WEIR_E2E_SOURCE'] ?? path.resolve(__dirname, '../../../..');
/** Build output, caches and installs: a fresh clone has none of them. */
const NOT_COPIED = new Set(['node_modules', 'dist', '.nx', 'tmp', '.git', 'reports', 'coverage']);
/** Every other codec gets a service too, so each template is compiled, linted and tested. */
const OTHER_CODECS = ['json-lines', 'length-prefixed', 'raw', 'resp'] as const;
const MINUTES = 60_000;

function copyWorkspace(): string {
  const copy = mkdtempSync(path.join(tmpdir(), 'weir-e2e-'));
  cpSync(SOURCE, copy, {
    recursive: true,
    filter: (from) => !path.relative(SOURCE, from).split(path.sep).some((segment) => NOT_COPIED.has(segment)),
  });
  symlinkSync(path.join(SOURCE, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  return copy;
}

/** The environment of a person at a shell: none of the outer Nx or Jest run's variables leak in. */
function cleanEnvironment(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('NX_') && !key.startsWith('JEST_') && key !== 'NODE_ENV') env[key] = value;
  }
  return { ...env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', FORCE_COLOR: '0' };
}

describe('@weir/nx-plugin from the command line', () => {
  let workspace: string;
  let server: ChildProcess | undefined;
  const env = cleanEnvironment();

  /** Runs a command in the copy; resolves with what it printed, rejects with it if it fails. */
  const run = (command: string, args: readonly string[], timeoutMs = 4 * MINUTES) =>
    new Promise<string>((resolve, reject) => {
      execFile(command, args, { cwd: workspace, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        if (error) reject(new Error(`${command} ${args.join(' ')} failed (${error.message}):\n${output}`));
        else resolve(output);
      });
    });
  const nx = (...args: string[]) => run('npx', ['nx', ...args]);
  const read = (file: string) => readFileSync(path.join(workspace, file), 'utf8');

  beforeAll(() => {
    workspace = copyWorkspace();
  });

  afterAll(() => {
    if (server?.exitCode === null) server.kill('SIGKILL');
    if (process.env['WEIR_E2E_KEEP'] === '1') {
      console.log(`e2e workspace kept at ${workspace}`);
      return;
    }
    // Unlink first: the copy's node_modules is the real workspace's, and must survive.
    unlinkSync(path.join(workspace, 'node_modules'));
    rmSync(workspace, { recursive: true, force: true });
  });

  it(
    'shows what it would write on a dry run, and writes nothing',
    async () => {
      const output = await nx('g', '@weir/nx-plugin:service', 'greeter', '--codec=lines', '--dry-run');
      expect(output).toContain('CREATE apps/greeter/src/greeter.service.ts');
      expect(output).toContain('CREATE apps/greeter/project.json');
      expect(existsSync(path.join(workspace, 'apps/greeter'))).toBe(false);
    },
    2 * MINUTES,
  );

  it(
    'generates a service, then a plugin registered in it',
    async () => {
      const service = await nx('g', '@weir/nx-plugin:service', 'greeter', '--codec=lines');
      expect(service).toContain('CREATE apps/greeter/src/main.ts');
      const plugin = await nx('g', '@weir/nx-plugin:plugin', 'hello', '--project=greeter', '--routes=HELLO');
      expect(plugin).toContain('CREATE apps/greeter/src/hello.plugin.ts');
      expect(plugin).toContain('UPDATE apps/greeter/src/greeter.service.ts');
      expect(read('apps/greeter/src/greeter.service.ts')).toContain('plugins: [GreeterPlugin, HelloPlugin],');
      for (const codec of OTHER_CODECS) {
        await nx('g', '@weir/nx-plugin:service', `e2e-${codec}`, `--codec=${codec}`);
        if (codec !== 'raw') await nx('g', '@weir/nx-plugin:plugin', 'extra', `--project=e2e-${codec}`, '--routes=EXTRA,more');
      }
    },
    4 * MINUTES,
  );

  it(
    'refuses an unknown project through the CLI, saying so',
    async () => {
      await expect(nx('g', '@weir/nx-plugin:plugin', 'hello', '--project=no-such-service')).rejects.toThrow(
        /--project: there is no project 'no-such-service' in this workspace/,
      );
    },
    2 * MINUTES,
  );

  it(
    "passes the generated projects' test, lint, typecheck and build targets",
    async () => {
      const projects = ['greeter', ...OTHER_CODECS.map((codec) => `e2e-${codec}`)].join(',');
      const checks = await nx('run-many', '-t', 'test,lint,typecheck', '-p', projects, '--output-style=static');
      expect(checks).toContain('Successfully ran targets test, lint, typecheck for 5 projects');
      const build = await nx('run-many', '-t', 'test,lint,build', '-p', 'greeter', '--output-style=static');
      expect(build).toContain('Successfully ran targets test, lint, build for project greeter');
    },
    8 * MINUTES,
  );

  it(
    'serves the built greeter, which answers HELLO over TCP and stops on SIGTERM',
    async () => {
      const child = spawn(process.execPath, ['dist/apps/greeter/main.js', '--port', '0'], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
      server = child;
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const url = await readyUrl(child, () => stderr);
      expect(url.hostname).toBe('127.0.0.1');

      expect(await ask(Number(url.port), 'HELLO\n')).toBe('OK HELLO');
      expect(await ask(Number(url.port), 'NOPE\n')).toBe("ERR unknown command 'NOPE'");

      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
    MINUTES,
  );
});

/** The url from the JSON log line `<name> ready` that runService prints once it listens. */
function readyUrl(child: ChildProcess, stderr: () => string): Promise<URL> {
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    const seen: string[] = [];
    const timer = setTimeout(() => reject(new Error(`no 'greeter ready' log line within 30 s:\n${seen.join('\n')}\n${stderr()}`)), 30_000);
    lines.on('line', (line) => {
      seen.push(line);
      try {
        const entry = JSON.parse(line) as { msg?: unknown; url?: unknown };
        if (entry.msg === 'greeter ready' && typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve(new URL(entry.url));
        }
      } catch {
        // Not JSON: keep it for the error message and read on.
      }
    });
    child.once('exit', (code) => reject(new Error(`greeter exited with ${code} before it was ready:\n${seen.join('\n')}\n${stderr()}`)));
  });
}

/** Sends one line on a fresh connection and resolves with the first line that comes back. */
function ask(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = '';
    socket.setEncoding('utf8');
    socket.setTimeout(15_000, () => socket.destroy(new Error(`no reply to ${JSON.stringify(line)} within 15 s`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.write(line));
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\n');
      if (end >= 0) {
        socket.end();
        resolve(received.slice(0, end));
      }
    });
  });
}
