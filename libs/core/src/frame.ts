import { Buffer } from 'node:buffer';
import type { Encoded } from '@weir/codecs';

/**
 * A message encoded once, ready to go to many connections: a broadcast to a
 * thousand members writes the same bytes a thousand times instead of encoding
 * (and copying) the line a thousand times.
 */
export class Frame {
  constructor(readonly bytes: Encoded) {}

  get byteLength(): number {
    return typeof this.bytes === 'string' ? Buffer.byteLength(this.bytes) : this.bytes.length;
  }
}
