import * as net from 'node:net';
import { EXIT_CONFIG, runService, type RunningApp } from '@weir/core';
import { ECHO_DEFAULT_PORT, echoService } from './echo.service';

// The echo app as its process runs it: runService with argv and an environment,
// minus the process itself (no exit, no real signals).

/** Captures what runService writes to stdout and stderr while `run` runs. */
async function captureOutput<T>(run: () => Promise<T>): Promise<{ result: T; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  try {
    return { result: await run(), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

/** One round trip on a plain socket. */
function echoOnce(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    let received = '';
    socket.setEncoding('utf8');
    socket.once('error', reject);
    socket.once('connect', () => socket.write(text));
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (received.length >= text.length) {
        socket.destroy();
        resolve(received);
      }
    });
  });
}

describe('the echo app (runService)', () => {
  let signalListeners: Record<'SIGINT' | 'SIGTERM', NodeJS.SignalsListener[]>;
  let app: RunningApp<Buffer, Buffer> | undefined;

  beforeEach(() => {
    signalListeners = {
      SIGINT: process.listeners('SIGINT') as NodeJS.SignalsListener[],
      SIGTERM: process.listeners('SIGTERM') as NodeJS.SignalsListener[],
    };
  });

  afterEach(async () => {
    await app?.stop();
    app = undefined;
    // runService installs SIGINT/SIGTERM handlers for the real process; drop ours.
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal) as NodeJS.SignalsListener[]) {
        if (!signalListeners[signal].includes(listener)) process.off(signal, listener);
      }
    }
    process.exitCode = undefined;
  });

  it('prints its flags with --help and starts nothing', async () => {
    const { result, stdout } = await captureOutput(() => runService(echoService, ['--help'], {}));
    expect(result).toBeUndefined();
    expect(stdout).toContain('echo: RFC 862 echo');
    expect(stdout).toContain(`--port <N>`);
    expect(stdout).toContain(`(default: ${ECHO_DEFAULT_PORT})`);
    expect(stdout).toContain('[WEIR_ECHO_PORT]');
  });

  it('listens where --port and --host say, and echoes', async () => {
    app = await runService(echoService, ['--port', '0', '--host', '127.0.0.1', '--log-level', 'silent'], {});
    expect(app).toBeDefined();
    expect(app?.address.address).toBe('127.0.0.1');
    expect(await echoOnce(app?.address.port ?? 0, 'hello, echo\n')).toBe('hello, echo\n');
  });

  it('takes its flags from WEIR_ECHO_* variables when they are not given', async () => {
    app = await runService(echoService, [], { WEIR_ECHO_PORT: '0', WEIR_ECHO_LOG_LEVEL: 'silent' });
    expect(app?.address.port).toBeGreaterThan(0);
    expect(await echoOnce(app?.address.port ?? 0, 'from env')).toBe('from env');
  });

  it('refuses a bad flag value with a message and the configuration exit status', async () => {
    const { result, stderr } = await captureOutput(() => runService(echoService, ['--port', '70000'], {}));
    expect(result).toBeUndefined();
    expect(stderr).toContain('--port');
    expect(stderr).toContain('65535');
    expect(process.exitCode).toBe(EXIT_CONFIG);
  });

  it('refuses an unknown flag and points at --help', async () => {
    const { result, stderr } = await captureOutput(() => runService(echoService, ['--colour', 'blue'], {}));
    expect(result).toBeUndefined();
    expect(stderr).toContain('--help');
    expect(process.exitCode).toBe(EXIT_CONFIG);
  });

  it('reports a port in use instead of crashing', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const { result, stderr } = await captureOutput(() =>
        runService(echoService, ['--port', String(port), '--log-level', 'silent'], {}),
      );
      expect(result).toBeUndefined();
      expect(stderr).toContain('in use');
      expect(process.exitCode).toBe(EXIT_CONFIG);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
