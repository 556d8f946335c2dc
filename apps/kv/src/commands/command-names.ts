import { Buffer } from 'node:buffer';
import { COMMAND_TABLE } from './command-table';

/**
 * Finds a command's table name from its bytes without making a string: a
 * case-folding hash picks the candidate, a byte comparison confirms it. This
 * runs for every command, and turning the name into a string and upper-casing
 * it was a measurable share of the per-command cost.
 */
const MAX_NAME = 32;
const byHash = new Map<number, string>();

// `| 0x20` lower-cases ASCII letters; other bytes may collide, which the comparison catches.
function hashBytes(bytes: Buffer): number {
  let hash = bytes.length;
  for (let i = 0; i < bytes.length; i++) hash = (Math.imul(hash, 31) + (bytes[i] | 0x20)) | 0;
  return hash;
}

function hashName(name: string): number {
  let hash = name.length;
  for (let i = 0; i < name.length; i++) hash = (Math.imul(hash, 31) + (name.charCodeAt(i) | 0x20)) | 0;
  return hash;
}

for (const name of COMMAND_TABLE.keys()) {
  const hash = hashName(name);
  // On a (never seen) collision the first name keeps the slot; the other takes the slow path.
  if (!byHash.has(hash)) byHash.set(hash, name);
}

/** The upper-case name of a known command spelled in any case, or undefined. */
export function knownCommandName(bytes: Buffer): string | undefined {
  const length = bytes.length;
  if (length > MAX_NAME) return undefined;
  const name = byHash.get(hashBytes(bytes));
  if (name === undefined || name.length !== length) return undefined;
  for (let i = 0; i < length; i++) {
    // Command names are letters only, so folding both sides compares them exactly.
    if ((bytes[i] | 0x20) !== (name.charCodeAt(i) | 0x20)) return undefined;
  }
  return name;
}
