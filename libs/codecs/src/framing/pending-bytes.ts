import { Buffer } from 'node:buffer';
const EMPTY = Buffer.alloc(0);

/** Past this many pieces, merging is considered (see `push`). */
const MERGE_AFTER_PIECES = 64;
/** Merge when the pieces average fewer bytes than this. */
const MIN_AVERAGE_PIECE_BYTES = 64;

/**
 * The bytes of one unfinished frame, kept as views of the chunks they arrived
 * in so they are copied once, when the frame completes.
 *
 * The views alias the caller's chunks: a decoder using this relies on chunks
 * not being reused or changed after they were passed to `decode`.
 */
export class PendingBytes {
  // Made on the first push and dropped when taken: an empty array kept on an
  // idle connection ages into the old generation, and everything later pushed
  // into it is then kept alive by each scavenge until a full GC (measured:
  // 16.9 → 15.0 µs per JSON-lines request at P=16 with 4 KiB lines).
  private pieces: Buffer[] | undefined = undefined;
  private total = 0;

  /** Bytes held so far. */
  get length(): number {
    return this.total;
  }

  push(piece: Buffer): void {
    if (piece.length === 0) return;
    const pieces = (this.pieces ??= []);
    pieces.push(piece);
    this.total += piece.length;
    // A view costs far more heap than one byte, so a peer trickling tiny reads
    // could make a frame under its byte limit cost many times that limit.
    // Merging only when pieces are small on average keeps big-chunk frames at
    // one copy, and bounds a trickled frame's copying to a constant factor
    // (each merge needs the byte count to grow by about 1/64 since the last).
    const count = pieces.length;
    if (count > MERGE_AFTER_PIECES && count * MIN_AVERAGE_PIECE_BYTES > this.total) {
      this.pieces = [Buffer.concat(pieces, this.total)];
    }
  }

  /** The last byte held, or -1 when empty. */
  lastByte(): number {
    const last = this.pieces?.[this.pieces.length - 1];
    return last === undefined ? -1 : last[last.length - 1];
  }

  /** The held bytes as one Buffer; empties the holder. */
  take(): Buffer {
    return this.takeWith(EMPTY);
  }

  /** The held bytes followed by `tail`, as one Buffer; empties the holder. */
  takeWith(tail: Buffer): Buffer {
    const { pieces, total } = this;
    this.pieces = undefined;
    this.total = 0;
    if (pieces === undefined || pieces.length === 0) return tail;
    if (pieces.length === 1 && tail.length === 0) return pieces[0];
    pieces.push(tail);
    return Buffer.concat(pieces, total + tail.length);
  }

  /** Drops everything held. */
  clear(): void {
    this.pieces = undefined;
    this.total = 0;
  }
}
