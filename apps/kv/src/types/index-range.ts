/**
 * Redis's rule for index ranges (LRANGE, LTRIM, ZRANGE by rank): negative
 * indexes count from the end (-1 is the last), start is clamped to 0 and stop
 * to the last index. Gives the inclusive [start, stop], or undefined when the
 * range holds nothing.
 */
export function clampRange(start: number, stop: number, length: number): [number, number] | undefined {
  if (start < 0) start = Math.max(length + start, 0);
  if (stop < 0) stop = length + stop;
  if (start > stop || start >= length) return undefined;
  return [start, Math.min(stop, length - 1)];
}
