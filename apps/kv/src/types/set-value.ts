import type { TypedValue } from '../keyspace/stored-value';
import { SCAN_TABLE_ENTRY_OVERHEAD, ScanTable } from './scan-table';

/** A Redis set of members, each a latin1 string made from the member's bytes. */
export class SetValue extends ScanTable<true> implements TypedValue {
  readonly type = 'set' as const;

  /** Returns true if the member is new. */
  add(member: string): boolean {
    return this.set(member, true);
  }

  memoryUsage(): number {
    let bytes = 64;
    for (const member of this.keys()) bytes += member.length + SCAN_TABLE_ENTRY_OVERHEAD;
    return bytes;
  }

  clone(): SetValue {
    const copy = new SetValue();
    this.copyInto(copy, () => true);
    return copy;
  }
}
