import { Buffer } from 'node:buffer';
import type { Encoded } from '../codec';
import type { RespReply } from './resp-reply';
import { formatRespDouble } from './resp-scalars';
import { encodeBulkBytes, RespWriter } from './resp-writer';

const OK = '+OK\r\n';
const ZERO = ':0\r\n';
const ONE = ':1\r\n';
const NULL_BULK = '$-1\r\n';
const NULL_ARRAY = '*-1\r\n';
const EMPTY_ARRAY = '*0\r\n';
const NULL = '_\r\n';
const TRUE = '#t\r\n';
const FALSE = '#f\r\n';

/**
 * Encodes any reply, RESP2 or RESP3; which shapes suit the client (after
 * HELLO 3 or not) is the server's choice. Scalars and replies without binary
 * payloads come back as strings, so the common replies cost no Buffer.
 *
 * Simple strings and errors cannot hold CR or LF: they are sent with spaces
 * in their place, as redis-server does with error texts.
 */
export function encodeRespReply(reply: RespReply): Encoded {
  const text = scalarText(reply);
  if (text !== undefined) return text;
  if (reply.type === 'bulk' && reply.value !== null && typeof reply.value !== 'string') {
    return encodeBulkBytes(reply.value);
  }
  const writer = new RespWriter();
  writeReply(writer, reply);
  return writer.finish();
}

function writeReply(writer: RespWriter, reply: RespReply): void {
  const text = scalarText(reply);
  if (text !== undefined) return writer.write(text);
  switch (reply.type) {
    case 'bulk':
      if (reply.value === null || typeof reply.value === 'string') return;
      writer.write(`$${reply.value.length}\r\n`);
      writer.writeBytes(reply.value);
      return writer.write('\r\n');
    case 'array':
      return writeItems(writer, '*', reply.value ?? []);
    case 'set':
      return writeItems(writer, '~', reply.value);
    case 'push':
      return writeItems(writer, '>', reply.value);
    case 'map':
      writer.write(`%${reply.value.length}\r\n`);
      return writePairs(writer, reply.value);
    case 'attribute':
      writer.write(`|${reply.value.length}\r\n`);
      writePairs(writer, reply.value);
      return writeReply(writer, reply.reply);
  }
}

/** The whole encoding of a reply that has a text form, else undefined (aggregates, binary bulk strings). */
function scalarText(reply: RespReply): string | undefined {
  switch (reply.type) {
    case 'simple':
      return reply.value === 'OK' ? OK : `+${oneLine(reply.value)}\r\n`;
    case 'integer':
      return reply.value === 0 ? ZERO : reply.value === 1 ? ONE : `:${formatInteger(reply.value)}\r\n`;
    case 'bulk': {
      const value = reply.value;
      if (value === null) return NULL_BULK;
      return typeof value === 'string' ? `$${Buffer.byteLength(value)}\r\n${value}\r\n` : undefined;
    }
    case 'error':
      return `-${oneLine(reply.value)}\r\n`;
    case 'null':
      return NULL;
    case 'boolean':
      return reply.value ? TRUE : FALSE;
    case 'double':
      return `,${formatRespDouble(reply.value)}\r\n`;
    case 'bignum':
      return `(${reply.value.toString()}\r\n`;
    case 'verbatim':
      return verbatimText(reply.format, reply.value);
    case 'array':
      return reply.value === null ? NULL_ARRAY : reply.value.length === 0 ? EMPTY_ARRAY : undefined;
    default:
      return undefined;
  }
}

function writeItems(writer: RespWriter, prefix: string, items: readonly RespReply[]): void {
  writer.write(`${prefix}${items.length}\r\n`);
  for (const item of items) writeReply(writer, item);
}

function writePairs(writer: RespWriter, pairs: ReadonlyArray<readonly [RespReply, RespReply]>): void {
  for (const [key, value] of pairs) {
    writeReply(writer, key);
    writeReply(writer, value);
  }
}

function verbatimText(format: string, value: string): string {
  const text = `${format}:${value}`;
  return `=${Buffer.byteLength(text)}\r\n${text}\r\n`;
}

function formatInteger(value: number | bigint): string {
  if (typeof value === 'bigint' || Number.isSafeInteger(value)) return value.toString();
  // String(1e21) is "1e+21", which is no RESP integer; a fraction is a caller's bug.
  if (Number.isInteger(value)) return BigInt(value).toString();
  throw new RangeError(`RESP integer replies must be integers, got ${value}`);
}

function oneLine(text: string): string {
  if (text.indexOf('\r') === -1 && text.indexOf('\n') === -1) return text;
  return text.replaceAll('\r', ' ').replaceAll('\n', ' ');
}
