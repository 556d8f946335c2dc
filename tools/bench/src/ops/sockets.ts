import * as net from 'node:net';

/** A plain client socket on 127.0.0.1, connected (or rejected) within `timeoutMs`. */
export function openSocket(port: number, timeoutMs = 30_000): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    // Nagle off, as the servers have it: a sender's second line would otherwise
    // wait for the ACK of its first, up to the peer's 40 ms delayed ACK.
    const socket = net.connect({ host: '127.0.0.1', port, noDelay: true });
    const timer = setTimeout(() => socket.destroy(new Error(`connect timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once('error', (error) => (clearTimeout(timer), reject(error)));
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.on('error', () => undefined);
      resolve(socket);
    });
  });
}

/** Runs `task(0..count-1)` with at most `concurrency` at once; rejects on the first failure. */
export async function inWaves<T>(count: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}

/** Resolves when `socket` has received text in which `done` finds what it waits for; rejects after `timeoutMs`. */
export function waitForText(socket: net.Socket, done: (text: string) => boolean, timeoutMs = 30_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer) => {
      seen = (seen + chunk.toString('latin1')).slice(-8192);
      if (done(seen)) finish();
    };
    const onClose = () => finish(new Error(`closed by the server; last words: ${JSON.stringify(seen.slice(-300))}`));
    const timer = setTimeout(() => finish(new Error(`nothing expected within ${timeoutMs} ms; got ${JSON.stringify(seen.slice(-300))}`)), timeoutMs);
    socket.on('data', onData);
    socket.on('close', onClose);
  });
}
