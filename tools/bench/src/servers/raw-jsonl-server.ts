import * as net from 'node:net';

const LF = 0x0a;
/** The same line limit the framework's JSON-lines codec applies by default. */
const MAX_LINE_BYTES = 64 * 1024;

interface Request {
  readonly id?: unknown;
  readonly data?: unknown;
  readonly type?: unknown;
}

/** The reply to one request line; the same words the framework service uses. */
export function answerLine(line: string): string {
  let request: Request;
  try {
    request = JSON.parse(line) as Request;
  } catch {
    return '{"error":"INVALID_JSON"}\n';
  }
  const type = typeof request === 'object' && request !== null && typeof request.type === 'string' ? request.type : 'echo';
  if (type !== 'echo') return `${JSON.stringify({ error: `unknown type '${type}'` })}\n`;
  if (typeof request.id !== 'number' || typeof request.data !== 'string') {
    return '{"error":"a request needs a numeric id and a string data"}\n';
  }
  return `${JSON.stringify({ id: request.id, data: request.data })}\n`;
}

/**
 * The hand-written baseline for request/response: newline-delimited JSON on
 * node:net alone. Lines are cut from the bytes (a line split across reads is
 * joined once it is whole, so multi-byte characters survive), every reply
 * produced by one read leaves in one write, and reading pauses while the
 * write buffer is full.
 */
export function createRawJsonLinesServer(): net.Server {
  return net.createServer({ allowHalfOpen: true, noDelay: true }, (socket) => {
    let held: Buffer[] = [];
    let heldBytes = 0;
    socket.on('data', (chunk: Buffer) => {
      let out = '';
      let start = 0;
      let lf: number;
      while ((lf = chunk.indexOf(LF, start)) !== -1) {
        let line: string;
        if (heldBytes > 0) {
          line = Buffer.concat([...held, chunk.subarray(start, lf)]).toString('utf8');
          held = [];
          heldBytes = 0;
        } else {
          line = chunk.toString('utf8', start, lf);
        }
        start = lf + 1;
        if (line.trim() !== '') out += answerLine(line);
      }
      if (start < chunk.length) {
        held.push(chunk.subarray(start));
        heldBytes += chunk.length - start;
        if (heldBytes > MAX_LINE_BYTES) {
          socket.end('{"error":"FRAME_TOO_LONG"}\n');
          return;
        }
      }
      if (out !== '' && !socket.write(out)) socket.pause();
    });
    socket.on('drain', () => socket.resume());
    socket.on('end', () => socket.end());
    socket.on('error', () => socket.destroy());
  });
}
