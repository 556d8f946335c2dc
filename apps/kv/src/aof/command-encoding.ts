import { Buffer } from 'node:buffer';
/** A command to log: Buffers as they are, strings as latin1 (one byte per char, as keys are kept). */
export type CommandArgs = ReadonlyArray<Buffer | string>;

/** One command as a RESP array of bulk strings, the AOF's record format. */
export function encodeCommand(args: CommandArgs): Buffer {
  let size = 3 + String(args.length).length;
  for (const arg of args) {
    const length = arg.length;
    size += 5 + String(length).length + length;
  }
  const out = Buffer.allocUnsafe(size);
  let at = out.write(`*${args.length}\r\n`, 0, 'latin1');
  for (const arg of args) {
    at += out.write(`$${arg.length}\r\n`, at, 'latin1');
    at += typeof arg === 'string' ? out.write(arg, at, 'latin1') : arg.copy(out, at);
    out[at++] = 13;
    out[at++] = 10;
  }
  return out;
}
