import { Buffer } from 'node:buffer';
import type { Codec, Decoded, Decoder, DecoderLimits } from '../codec';
import { itemsThenFatal, ProtocolError } from '../protocol-error';
import { checkFrameLimit } from '../lines/frame-limit';
import { PendingBytes } from '../framing/pending-bytes';

const HEADER_BYTES = 4;
/** Default largest payload: 16 MiB. */
const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** `frameLength` while the next header is still being read. */
const READING_HEADER = -1;

export interface LengthPrefixedCodecOptions {
  /** Largest payload in bytes, header excluded; default 16 MiB. `createDecoder`'s limit overrides it. */
  readonly maxFrameBytes?: number;
}

/**
 * Frames made of a uint32 big-endian payload length, then the payload.
 * Zero-length frames are valid. A length over the limit is a fatal
 * `FRAME_TOO_LONG` as soon as its header is read, before any payload arrives.
 *
 * A payload that sits wholly inside one chunk is yielded as a view of that
 * chunk, not a copy: it keeps the chunk's memory alive, and the caller must
 * not reuse or change chunks after passing them to `decode`.
 */
export function lengthPrefixedCodec(options: LengthPrefixedCodecOptions = {}): Codec<Buffer, Buffer> {
  const maxFrameBytes = checkFrameLimit('maxFrameBytes', options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
  return {
    name: 'length-prefixed',
    createDecoder(limits?: DecoderLimits): Decoder<Buffer> {
      const max = limits?.maxFrameBytes;
      return new LengthPrefixedDecoder(max === undefined ? maxFrameBytes : checkFrameLimit('maxFrameBytes', max));
    },
    encode(payload: Buffer): Buffer {
      const frame = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
      frame.writeUInt32BE(payload.length, 0);
      payload.copy(frame, HEADER_BYTES);
      return frame;
    },
  };
}

class LengthPrefixedDecoder implements Decoder<Buffer> {
  /** Header bytes gathered so far when a header is split across chunks. */
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  /** Payload length of the frame being read, or READING_HEADER. */
  private frameLength = READING_HEADER;
  private readonly payload = new PendingBytes();
  private failure: ProtocolError | undefined;

  constructor(private readonly maxFrameBytes: number) {}

  decode(chunk: Buffer): Decoded<Buffer>[] {
    if (this.failure) throw this.failure;
    const frames: Buffer[] = [];
    try {
      let at = 0;
      while (at < chunk.length) {
        if (this.frameLength === READING_HEADER) {
          at = this.readHeader(chunk, at);
          if (this.frameLength === READING_HEADER) break;
        }
        // A zero-length frame completes right here, even at the end of the chunk.
        const missing = this.frameLength - this.payload.length;
        if (chunk.length - at < missing) {
          this.payload.push(chunk.subarray(at));
          break;
        }
        frames.push(this.payload.takeWith(chunk.subarray(at, at + missing)));
        at += missing;
        this.frameLength = READING_HEADER;
      }
    } catch (error) {
      return itemsThenFatal(frames, error);
    }
    return frames;
  }

  /** Reads (part of) a header at `at`; returns where reading stopped. */
  private readHeader(chunk: Buffer, at: number): number {
    let length: number;
    if (this.headerFill === 0 && chunk.length - at >= HEADER_BYTES) {
      length = chunk.readUInt32BE(at);
      at += HEADER_BYTES;
    } else {
      const copied = chunk.copy(this.header, this.headerFill, at, at + HEADER_BYTES - this.headerFill);
      this.headerFill += copied;
      at += copied;
      if (this.headerFill < HEADER_BYTES) return at;
      this.headerFill = 0;
      length = this.header.readUInt32BE(0);
    }
    if (length > this.maxFrameBytes) {
      this.payload.clear();
      this.failure = new ProtocolError(
        `frame of ${length} bytes exceeds the limit of ${this.maxFrameBytes} bytes`,
        'FRAME_TOO_LONG',
      );
      throw this.failure;
    }
    this.frameLength = length;
    return at;
  }
}
