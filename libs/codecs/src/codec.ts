import { Buffer } from 'node:buffer';
import type { ProtocolError } from './protocol-error';

/** Limits a server passes to every decoder it creates; each codec has its own defaults. */
export interface DecoderLimits {
  /** Largest frame (line, payload, bulk string...) the decoder accepts, in bytes. */
  readonly maxFrameBytes?: number;
}

/**
 * What a decoder yields: a whole message, or a non-fatal ProtocolError that
 * stands in for the one frame it spoiled.
 */
export type Decoded<In> = In | ProtocolError;

/**
 * A per-connection, stateful push decoder. Any split of the same bytes into
 * chunks yields the same items. A fatal ProtocolError ends the stream: it is
 * returned as the last item, after the messages the same chunk held before the
 * bad bytes (which the server then handles first), or thrown when there were
 * none (`itemsThenFatal` does both). The decoder must not be used after it.
 */
export interface Decoder<In> {
  decode(chunk: Buffer): Decoded<In>[];
}

/** Bytes to put on the wire: strings are written as UTF-8. */
export type Encoded = Buffer | string;

/**
 * Bytes ⇄ messages for one protocol. Pure and synchronous: a codec never sees
 * a socket. `In` is what the side that decodes receives; `Out` what it sends.
 */
export interface Codec<In, Out> {
  /** A short name for logs and errors, e.g. `lines` or `resp`. */
  readonly name: string;
  createDecoder(limits?: DecoderLimits): Decoder<In>;
  encode(message: Out): Encoded;
}
