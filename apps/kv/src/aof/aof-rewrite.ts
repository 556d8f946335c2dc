import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import { basename, join } from 'node:path';
import type { Logger } from 'pino';
import type { Keyspace } from '../keyspace/keyspace';
import type { SnapshotCursor } from '../keyspace/snapshot-cursor';
import type { StoredValue } from '../keyspace/stored-value';
import type { CommandArgs } from './command-encoding';
import { RecordBuffer } from './record-buffer';
import { valueCommands } from './value-commands';

/** How long one slice of the walk may hold the event loop, so clients never wait longer. */
const SLICE_MS = 4;
const SLOTS_PER_STEP = 512;
/** Buffered output written to the temp file past this size. */
const OUTPUT_CHUNK = 256 * 1024;

let sequence = 0;

/**
 * One AOF rewrite (BGREWRITEAOF), without fork: the keyspace as it was when
 * the rewrite began is written to a temp file a slice at a time between
 * client commands (see SnapshotCursor for how keys changed meanwhile keep
 * their old state), followed by every record logged since it began; then the
 * file is fsynced and renamed over the AOF in one synchronous step.
 */
export class AofRewrite {
  private readonly tempPath: string;
  private readonly cursors: SnapshotCursor[] = [];
  private fd: number | undefined;
  private readonly output = new RecordBuffer();
  private selectedDb = -1;
  private captured: Buffer[] = [];
  private cancelled = false;

  constructor(
    private readonly keyspace: Keyspace,
    private readonly dir: string,
    private readonly finalPath: string,
    private readonly logger: Logger,
  ) {
    this.tempPath = join(dir, `temp-rewriteaof-${process.pid}-${++sequence}-${basename(finalPath)}`);
  }

  /** Records logged while the rewrite runs; they follow the snapshot in the new file. */
  capture(bytes: Buffer): void {
    this.captured.push(bytes);
  }

  /** Writes the snapshot and the records logged so far, fsynced; finish() completes the swap. */
  async run(): Promise<void> {
    this.fd = fs.openSync(this.tempPath, 'w');
    for (let db = 0; db < this.keyspace.databases; db++) {
      const cursor: SnapshotCursor = {
        originDb: db,
        nextSlot: 0,
        done: false,
        written: new Set(),
        write: (origin, key, value, expireAt) => this.writeKey(origin, key, value, expireAt),
      };
      this.cursors.push(cursor);
      this.keyspace.table(db).beginSnapshot(cursor);
    }
    for (const cursor of this.cursors) {
      while (!cursor.done) {
        this.walkSlice(cursor);
        if (this.cancelled) throw new Error('AOF rewrite cancelled');
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    this.endSnapshots();
    this.writeOutput();
    this.drainCaptured();
    await new Promise<void>((resolve, reject) => fs.fdatasync(this.fd as number, (e) => (e ? reject(e) : resolve())));
    if (this.cancelled) throw new Error('AOF rewrite cancelled');
  }

  /**
   * The last, synchronous step: what was logged since run() fsynced, then
   * fsync and rename over the AOF. Returns the new file's descriptor, open for
   * appending.
   */
  finish(): number {
    const fd = this.fd as number;
    this.drainCaptured();
    fs.fdatasyncSync(fd);
    fs.renameSync(this.tempPath, this.finalPath);
    this.fd = undefined;
    return fd;
  }

  cancel(): void {
    this.cancelled = true;
    this.endSnapshots();
    if (this.fd !== undefined) {
      fs.closeSync(this.fd);
      this.fd = undefined;
      fs.rmSync(this.tempPath, { force: true });
    }
  }

  private walkSlice(cursor: SnapshotCursor): void {
    const started = performance.now();
    do {
      // SWAPDB moves contents between tables: find where this cursor's contents are now.
      const table = this.findTable(cursor);
      if (table === undefined || table.walkSnapshot(SLOTS_PER_STEP)) {
        cursor.done = true;
        break;
      }
      if (this.output.size >= OUTPUT_CHUNK) this.writeOutput();
    } while (performance.now() - started < SLICE_MS);
    this.writeOutput();
  }

  private findTable(cursor: SnapshotCursor) {
    for (let db = 0; db < this.keyspace.databases; db++) {
      const table = this.keyspace.table(db);
      if (table.holdsSnapshot(cursor)) return table;
    }
    return undefined;
  }

  private writeKey(db: number, key: string, value: StoredValue, expireAt: number | undefined): void {
    // An expired key is gone for every command logged after this point too.
    if (expireAt !== undefined && expireAt <= this.keyspace.now()) return;
    if (db !== this.selectedDb) {
      this.push(['SELECT', String(db)]);
      this.selectedDb = db;
    }
    for (const command of valueCommands(key, value, expireAt)) this.push(command);
  }

  private push(command: CommandArgs): void {
    this.output.append(command);
  }

  private writeOutput(): void {
    if (this.fd === undefined || this.output.size === 0) return;
    writeFully(this.fd, this.output.view());
    this.output.clear();
  }

  private drainCaptured(): void {
    if (this.fd === undefined || this.captured.length === 0) return;
    writeFully(this.fd, Buffer.concat(this.captured));
    this.captured = [];
  }

  private endSnapshots(): void {
    for (let db = 0; db < this.keyspace.databases; db++) this.keyspace.table(db).endSnapshot();
    if (this.cursors.length > 0) this.logger.debug({ path: this.tempPath }, 'AOF rewrite snapshot complete');
  }
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}
