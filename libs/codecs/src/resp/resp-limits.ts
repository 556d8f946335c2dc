/** Limits a RESP server puts on what clients send; the defaults are redis-server's. */
export interface RespServerLimits {
  /** Largest bulk string argument: 512 MiB, Redis's proto-max-bulk-len. A `maxFrameBytes` given to createDecoder wins. */
  readonly maxBulkLength?: number;
  /** Most arguments in one command: 1,048,576. */
  readonly maxMultibulkLength?: number;
  /** Longest inline command, and longest `*N` / `$N` header line: 64 KiB, Redis's PROTO_INLINE_MAX_SIZE. */
  readonly maxInlineBytes?: number;
}

export const RESP_DEFAULT_MAX_BULK_LENGTH = 512 * 1024 * 1024;
export const RESP_DEFAULT_MAX_MULTIBULK_LENGTH = 1024 * 1024;
export const RESP_DEFAULT_MAX_INLINE_BYTES = 64 * 1024;

/** Checks a configured limit once, when a codec or decoder is made, rather than on every frame. */
export function checkedLimit(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}
