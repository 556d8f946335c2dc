import { Buffer } from 'node:buffer';
import { deepStrictEqual, strictEqual } from 'node:assert/strict';
import type { Decoded, Decoder } from '../codec';
import { isProtocolError, type ProtocolError } from '../protocol-error';
import { byteByByte } from './chunks';

/** What feeding chunks to a decoder gave: every item returned, and the fatal error that ended it, if any. */
export interface DecodeRun<In> {
  readonly items: Decoded<In>[];
  readonly fatal?: ProtocolError;
}

/**
 * Feeds `chunks` in order, stopping at the first fatal ProtocolError, thrown or
 * returned as the last item. A decoder breaking the contract fails the test:
 * anything else thrown (a TypeError, a non-fatal ProtocolError) is rethrown,
 * and a fatal ProtocolError returned anywhere but last is an error.
 */
export function decodeChunks<In>(decoder: Decoder<In>, chunks: Iterable<Buffer>): DecodeRun<In> {
  const items: Decoded<In>[] = [];
  for (const chunk of chunks) {
    let decoded: Decoded<In>[];
    try {
      decoded = decoder.decode(chunk);
    } catch (error) {
      if (!isProtocolError(error)) throw error;
      if (!error.fatal) throw new Error(`decoder threw a non-fatal ProtocolError (${error.code})`, { cause: error });
      return { items, fatal: error };
    }
    const fatalAt = decoded.findIndex((item) => isProtocolError(item) && item.fatal);
    if (fatalAt === -1) {
      items.push(...decoded);
      continue;
    }
    if (fatalAt !== decoded.length - 1) throw new Error('decoder returned a fatal ProtocolError before other items');
    items.push(...decoded.slice(0, fatalAt));
    return { items, fatal: decoded[fatalAt] as ProtocolError };
  }
  return { items };
}

/** A ProtocolError reduced to what tests compare: its code and fatality. */
export interface ErrorSummary {
  readonly protocolError: string;
  readonly fatal: boolean;
}

/** The same run with ProtocolErrors replaced by their summaries, fit for deep equality. */
export interface ComparableRun<In> {
  readonly items: (In | ErrorSummary)[];
  readonly fatal?: string;
}

export function comparable<In>(run: DecodeRun<In>): ComparableRun<In> {
  const items = run.items.map((item) =>
    isProtocolError(item) ? { protocolError: item.code, fatal: item.fatal } : item,
  );
  return run.fatal === undefined ? { items } : { items, fatal: run.fatal.code };
}

/**
 * Asserts that `chunks` decode as their concatenation does, using a fresh
 * decoder for each run. With no fatal error the items must be equal. With
 * one, each run must end in a fatal error of the same code; because a thrown
 * error takes with it the items decoded earlier in the same `decode` call
 * (a decoder that returns it keeps them), the items then need only be in
 * order: whole-input items ⊑ these chunks' items ⊑ byte-by-byte items
 * (⊑ meaning "is a prefix of").
 */
export function assertSplitInvariant<In>(createDecoder: () => Decoder<In>, chunks: readonly Buffer[]): void {
  const bytes = Buffer.concat(chunks);
  const whole = comparable(decodeChunks(createDecoder(), [bytes]));
  const split = comparable(decodeChunks(createDecoder(), chunks));
  if (whole.fatal === undefined) {
    deepStrictEqual(split, whole);
    return;
  }
  const fine = comparable(decodeChunks(createDecoder(), byteByByte(bytes)));
  strictEqual(split.fatal, whole.fatal, 'fatal error code, split vs whole');
  strictEqual(fine.fatal, whole.fatal, 'fatal error code, byte by byte vs whole');
  deepStrictEqual(split.items.slice(0, whole.items.length), whole.items, 'whole items are a prefix of split items');
  deepStrictEqual(fine.items.slice(0, split.items.length), split.items, 'split items are a prefix of byte-by-byte items');
}
