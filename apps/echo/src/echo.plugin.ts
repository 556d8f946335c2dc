import { Buffer } from 'node:buffer';
import { Handle, Plugin } from '@weir/core';

/** RFC 862: whatever arrives goes back, unchanged. */
@Plugin({ name: 'echo' })
export class EchoPlugin {
  @Handle('message')
  echo(chunk: Buffer): Buffer {
    return chunk;
  }
}
