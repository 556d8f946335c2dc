const EMPTY = Buffer.alloc(0);

/**
 * The pieces of one frame that spans chunks: kept as slices and joined once
 * when the frame is whole, so a large bulk string arriving in many reads is
 * copied once instead of once per read.
 */
export class ByteAccumulator {
  private pieces: Buffer[] = [];
  private total = 0;

  get length(): number {
    return this.total;
  }

  push(piece: Buffer): void {
    if (piece.length === 0) return;
    this.pieces.push(piece);
    this.total += piece.length;
  }

  /** Everything pushed since the last take, as one Buffer; empties the accumulator. */
  take(): Buffer {
    const { pieces, total } = this;
    const whole = pieces.length === 0 ? EMPTY : pieces.length === 1 ? pieces[0] : Buffer.concat(pieces, total);
    this.pieces = [];
    this.total = 0;
    return whole;
  }
}
