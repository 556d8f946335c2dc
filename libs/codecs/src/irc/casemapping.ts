/**
 * How a server compares nicks and channel names case-insensitively (the
 * ISUPPORT CASEMAPPING token). `strict-rfc1459` is the one that modern docs
 * spell `rfc1459-strict`; `rfc7613` (Unicode) is not supported.
 */
export type CaseMapping = 'rfc1459' | 'strict-rfc1459' | 'ascii';

/** For each byte, its lower-case twin under one mapping. */
function foldTable(extraPairs: string): Uint8Array {
  const table = new Uint8Array(256);
  for (let code = 0; code < 256; code++) table[code] = code;
  for (let code = 0x41; code <= 0x5a; code++) table[code] = code + 0x20;
  for (let i = 0; i < extraPairs.length; i += 2) {
    table[extraPairs.charCodeAt(i)] = extraPairs.charCodeAt(i + 1);
  }
  return table;
}

// RFC 1459 counts `[]\~` as the upper-case forms of `{}|^` (Scandinavian
// keyboards); the strict variant leaves `~` and `^` alone.
const FOLD_TABLES: Readonly<Record<CaseMapping, Uint8Array>> = {
  ascii: foldTable(''),
  rfc1459: foldTable('[{]}\\|~^'),
  'strict-rfc1459': foldTable('[{]}\\|'),
};

// String.fromCharCode takes its chars as arguments; bounded so a long input
// cannot overflow the stack.
const FROM_CHAR_CODE_BATCH = 4096;

/**
 * `name` folded to lower case under `mapping`, for use as a map key or for
 * equality. Only ASCII letters and the mapping's punctuation change; other
 * chars, including latin1 bytes ≥ 0x80, are left as they are. Returns `name`
 * itself when nothing changes, without allocating.
 */
export function foldCase(name: string, mapping: CaseMapping): string {
  const table = FOLD_TABLES[mapping];
  const length = name.length;
  let first = 0;
  for (; first < length; first++) {
    const code = name.charCodeAt(first);
    if (code < 256 && table[code] !== code) break;
  }
  if (first === length) return name;

  const folded = new Uint16Array(length - first);
  for (let i = first; i < length; i++) {
    const code = name.charCodeAt(i);
    folded[i - first] = code < 256 ? table[code] : code;
  }
  let out = name.slice(0, first);
  for (let i = 0; i < folded.length; i += FROM_CHAR_CODE_BATCH) {
    out += String.fromCharCode(...folded.subarray(i, i + FROM_CHAR_CODE_BATCH));
  }
  return out;
}
