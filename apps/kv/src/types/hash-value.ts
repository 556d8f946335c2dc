import { Buffer } from 'node:buffer';
import type { TypedValue } from '../keyspace/stored-value';
import { SCAN_TABLE_ENTRY_OVERHEAD, ScanTable } from './scan-table';

/**
 * A Redis hash: field → value. Fields are latin1 strings made from the field's
 * bytes (one char per byte, binary-safe, as keys are); values are Buffers.
 */
export class HashValue extends ScanTable<Buffer> implements TypedValue {
  readonly type = 'hash' as const;

  memoryUsage(): number {
    let bytes = 64;
    for (const [field, value] of this.entries()) bytes += field.length + value.length + SCAN_TABLE_ENTRY_OVERHEAD + 16;
    return bytes;
  }

  clone(): HashValue {
    const copy = new HashValue();
    this.copyInto(copy, (value) => Buffer.from(value));
    return copy;
  }
}
