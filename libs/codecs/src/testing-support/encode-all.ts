import { Buffer } from 'node:buffer';
import type { Codec, Encoded } from '../codec';

/** The bytes a transport would write for `encoded` (strings go out as UTF-8). */
export function wireBytes(encoded: Encoded): Buffer {
  return typeof encoded === 'string' ? Buffer.from(encoded, 'utf8') : encoded;
}

/** Encodes each message and joins the results, as they would follow each other on the wire. */
export function encodeAll<Out>(codec: Codec<unknown, Out>, messages: readonly Out[]): Buffer {
  return Buffer.concat(messages.map((message) => wireBytes(codec.encode(message))));
}
