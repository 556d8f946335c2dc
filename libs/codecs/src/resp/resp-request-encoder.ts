import { Buffer } from 'node:buffer';
import type { Encoded } from '../codec';
import type { RespRequest } from './resp-reply';
import { RespWriter } from './resp-writer';

/**
 * Encodes a command the way every Redis client sends one: an array of bulk
 * strings. Numbers go as their decimal text. A string comes back when no
 * argument is a Buffer.
 */
export function encodeRespRequest(request: RespRequest): Encoded {
  const writer = new RespWriter();
  writer.write(`*${request.length}\r\n`);
  for (const arg of request) {
    if (typeof arg === 'string') {
      writer.write(`$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
    } else if (typeof arg === 'number') {
      const text = String(arg);
      writer.write(`$${text.length}\r\n${text}\r\n`);
    } else {
      writer.write(`$${arg.length}\r\n`);
      writer.writeBytes(arg);
      writer.write('\r\n');
    }
  }
  return writer.finish();
}
