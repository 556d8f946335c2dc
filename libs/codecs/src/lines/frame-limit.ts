/**
 * Checks a configured frame limit once, when a codec or decoder is made, so a
 * typo fails at startup instead of silently disabling the limit (NaN compares
 * false with every length).
 */
export function checkFrameLimit(name: string, bytes: number): number {
  if (!Number.isSafeInteger(bytes) || bytes < 0) {
    throw new RangeError(`${name} must be a non-negative integer, got ${bytes}`);
  }
  return bytes;
}
