import type { StoredValue } from './stored-value';

/**
 * The AOF rewrite's hold on one table's contents (it follows them through
 * SWAPDB). The rewrite writes every key as it was when the rewrite began: its
 * walk writes keys slot by slot, and any key about to be read or changed
 * before the walk reaches it is written first, here, so the walk never sees a
 * later state. Keys that did not exist at the start are never written: the
 * commands that made them are replayed after the snapshot.
 */
export interface SnapshotCursor {
  /** The database these contents were in when the rewrite began. */
  readonly originDb: number;
  /** Slots below this were walked. */
  nextSlot: number;
  /** Nothing left to write (walked to the end, or the table was emptied). */
  done: boolean;
  /** Keys written ahead of the walk, or that did not exist at the start: the walk skips them. */
  readonly written: Set<string>;
  write(db: number, key: string, value: StoredValue, expireAt: number | undefined): void;
}
