import { inject, injectable } from 'tsyringe';
import { Keyspace } from '../keyspace/keyspace';
import { AppendOnlyFile, type AofRecord } from './append-only-file';
import type { CommandArgs } from './command-encoding';

/** The write command being handled, while its handler runs. */
export interface PropagationFrame {
  readonly db: number;
  readonly command: CommandArgs;
  readonly dirtyBefore: number;
  replacement: CommandArgs[] | undefined;
}

/**
 * Decides what reaches the AOF, as Redis's propagate() does: a write command
 * is logged if it changed a key (the keyspace's dirty counter moved), in the
 * form its handler chose (`replace`) or as it came; keys found expired are
 * logged as DELs; EXEC's commands go out wrapped in MULTI ... EXEC.
 * See README-for-plugins.md.
 */
@injectable()
export class Propagation {
  private readonly frames: PropagationFrame[] = [];
  private transaction: AofRecord[] | undefined;

  constructor(
    @inject(AppendOnlyFile) private readonly aof: AppendOnlyFile,
    @inject(Keyspace) private readonly keyspace: Keyspace,
  ) {
    keyspace.onExpired((db, key) => this.emitOne(db, ['DEL', key]));
  }

  get inTransaction(): boolean {
    return this.transaction !== undefined;
  }

  /**
   * Log these commands instead of the one being handled (relative expiries as
   * absolute ones, random picks as the keys they picked...). Several commands
   * are logged in order; none at all logs nothing. Outside a write command's
   * handler, or with the AOF off, it does nothing.
   */
  replace(...commands: CommandArgs[]): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame !== undefined) frame.replacement = commands;
  }

  /** Logs a write made outside any command's handler (a timer, a blocked client served later), in database `db`. */
  log(db: number, command: CommandArgs): void {
    this.emitOne(db, command);
  }

  begin(db: number, command: CommandArgs): PropagationFrame {
    const frame: PropagationFrame = { db, command, dirtyBefore: this.keyspace.dirty, replacement: undefined };
    this.frames.push(frame);
    return frame;
  }

  end(frame: PropagationFrame): void {
    this.frames.pop();
    if (this.keyspace.dirty === frame.dirtyBefore) return;
    const replacement = frame.replacement;
    if (replacement === undefined) this.emitOne(frame.db, frame.command);
    else if (replacement.length > 0) this.emit(replacement.map((args) => ({ db: frame.db, args })));
  }

  beginTransaction(): void {
    this.transaction ??= [];
  }

  /** Logs what EXEC's commands changed as one MULTI ... EXEC block. */
  endTransaction(): void {
    const records = this.transaction;
    this.transaction = undefined;
    if (records && records.length > 0) this.aof.write(records, true);
  }

  private emitOne(db: number, args: CommandArgs): void {
    if (!this.aof.enabled) return;
    if (this.transaction) this.transaction.push({ db, args });
    else this.aof.writeOne(db, args);
  }

  private emit(records: AofRecord[]): void {
    if (!this.aof.enabled) return;
    if (this.transaction) this.transaction.push(...records);
    else this.aof.write(records, false);
  }
}
