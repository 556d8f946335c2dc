import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { inject, injectable } from 'tsyringe';
import type { Logger } from 'pino';
import { LOGGER } from '@weir/core';
import { KvConfig } from '../kv-config';
import { Keyspace } from '../keyspace/keyspace';
import { AofRewrite } from './aof-rewrite';
import type { CommandArgs } from './command-encoding';
import { RecordBuffer } from './record-buffer';

/** One command to log, in the database it ran in. */
export interface AofRecord {
  readonly db: number;
  readonly args: CommandArgs;
}

export interface AofStats {
  rewrites: number;
  lastRewriteStatus: 'ok' | 'err';
  lastWriteStatus: 'ok' | 'err';
  lastRewriteMs: number;
}

const MULTI: CommandArgs = ['MULTI'];
const EXEC: CommandArgs = ['EXEC'];

/**
 * The append-only file: every logged write, as RESP commands, in order.
 * Records gather in memory and go to the file once per event-loop turn;
 * appendfsync decides when they reach the disk: `always` fsyncs before the
 * replies that depend on it leave (synced()), `everysec` once a second in the
 * background, `no` never (the OS decides). BGREWRITEAOF compacts it.
 */
@injectable()
export class AppendOnlyFile {
  /** Records appended so far; the AOF middleware compares it around a command. */
  appendedRecords = 0;
  /** Bytes in the file, and right after the last rewrite (auto-rewrite compares them). */
  size = 0;
  baseSize = 0;
  readonly stats: AofStats = { rewrites: 0, lastRewriteStatus: 'ok', lastWriteStatus: 'ok', lastRewriteMs: -1 };
  private fd: number | undefined;
  private on = false;
  private readonly pending = new RecordBuffer();
  private selectedDb = -1;
  private flushScheduled = false;
  private appendedBytes = 0;
  private writtenBytes = 0;
  private syncedBytes = 0;
  private fsyncing = false;
  private waiters: Array<{ readonly upTo: number; resolve(): void; reject(error: Error): void }> = [];
  private everysec: NodeJS.Timeout | undefined;
  private rewriteJob: AofRewrite | undefined;

  constructor(
    @inject(KvConfig) private readonly config: KvConfig,
    @inject(Keyspace) private readonly keyspace: Keyspace,
    @inject(LOGGER) private readonly logger: Logger,
  ) {}

  get path(): string {
    return join(this.config.dir, this.config.appendfilename);
  }

  /** Whether writes are being logged. */
  get enabled(): boolean {
    return this.on;
  }

  get rewriting(): boolean {
    return this.rewriteJob !== undefined;
  }

  /** Opens (or creates) the file for appending, after it was loaded. */
  open(): void {
    fs.mkdirSync(this.config.dir, { recursive: true });
    this.fd = fs.openSync(this.path, 'a');
    this.size = this.baseSize = fs.fstatSync(this.fd).size;
    this.on = true;
    this.selectedDb = -1;
    this.startTimer();
  }

  write(records: readonly AofRecord[], transaction: boolean): void {
    if (!this.on) return;
    const start = this.pending.size;
    if (transaction) this.pending.append(MULTI);
    for (const record of records) this.appendRecord(record.db, record.args);
    if (transaction) this.pending.append(EXEC);
    this.appended(start);
  }

  /** One command, the common case, without a records array. */
  writeOne(db: number, args: CommandArgs): void {
    if (!this.on) return;
    const start = this.pending.size;
    this.appendRecord(db, args);
    this.appended(start);
  }

  /** Resolves once everything appended so far is on the disk (fsynced). */
  synced(): Promise<void> {
    const upTo = this.appendedBytes;
    if (this.syncedBytes >= upTo) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ upTo, resolve, reject }));
  }

  /** Writes what is pending to the file (and fsyncs, with `always`). */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.size === 0) return;
    const bytes = this.pending.view();
    if (this.fd !== undefined) {
      try {
        writeFully(this.fd, bytes);
        this.stats.lastWriteStatus = 'ok';
      } catch (error) {
        this.stats.lastWriteStatus = 'err';
        this.logger.error({ err: error }, 'writing the AOF failed');
        this.pending.clear();
        this.failWaiters(error as Error);
        return;
      }
      this.size += bytes.length;
    }
    this.pending.clear();
    this.writtenBytes = this.appendedBytes;
    if (this.fd === undefined) this.syncedBytes = this.writtenBytes;
    if (this.config.appendfsync === 'always' || this.waiters.length > 0) this.fsync();
    this.maybeAutoRewrite();
  }

  /** BGREWRITEAOF: false if one is already running. */
  startRewrite(): boolean {
    if (this.rewriteJob) return false;
    this.flush();
    // The rewritten file starts with no database selected: the next record must say which.
    this.selectedDb = -1;
    const started = Date.now();
    const job = new AofRewrite(this.keyspace, this.config.dir, this.path, this.logger);
    this.rewriteJob = job;
    job.run().then(
      () => {
        // In one synchronous step: the job writes what was logged since it began
        // (pending records included), fsyncs and renames; then the new file takes over.
        let fd: number;
        try {
          fd = job.finish();
        } catch (error) {
          job.cancel();
          this.stats.lastRewriteStatus = 'err';
          this.rewriteJob = undefined;
          this.logger.error({ err: error }, 'AOF rewrite failed');
          return;
        }
        if (!this.on) {
          // A rewrite with the AOF off just leaves a fresh file behind.
          fs.closeSync(fd);
          this.rewriteJob = undefined;
          this.stats.rewrites++;
          return;
        }
        if (this.fd !== undefined) fs.closeSync(this.fd);
        this.fd = fd;
        this.pending.clear();
        this.writtenBytes = this.syncedBytes = this.appendedBytes;
        this.resolveWaiters();
        this.size = this.baseSize = fs.fstatSync(fd).size;
        this.stats.rewrites++;
        this.stats.lastRewriteStatus = 'ok';
        this.stats.lastRewriteMs = Date.now() - started;
        this.rewriteJob = undefined;
        this.logger.info({ bytes: this.size, ms: this.stats.lastRewriteMs }, 'AOF rewrite finished');
      },
      (error: unknown) => {
        job.cancel();
        this.stats.lastRewriteStatus = 'err';
        this.rewriteJob = undefined;
        this.logger.error({ err: error }, 'AOF rewrite failed');
      },
    );
    return true;
  }

  /** CONFIG SET appendonly yes: the file is made by a rewrite, and logging starts now. */
  enable(): void {
    if (this.on) return;
    fs.mkdirSync(this.config.dir, { recursive: true });
    this.on = true;
    this.fd = undefined;
    this.startTimer();
    this.startRewrite();
  }

  /** CONFIG SET appendonly no. */
  disable(): void {
    if (!this.on) return;
    this.close();
  }

  /** Flushes, fsyncs and closes (SIGTERM, SHUTDOWN). */
  close(): void {
    this.rewriteJob?.cancel();
    this.rewriteJob = undefined;
    this.flush();
    if (this.everysec) clearInterval(this.everysec);
    this.everysec = undefined;
    if (this.fd !== undefined) {
      try {
        fs.fdatasyncSync(this.fd);
      } finally {
        fs.closeSync(this.fd);
      }
      this.fd = undefined;
    }
    this.syncedBytes = this.writtenBytes;
    this.resolveWaiters();
    this.on = false;
  }

  private appendRecord(db: number, args: CommandArgs): void {
    if (db !== this.selectedDb) {
      this.pending.append(['SELECT', String(db)]);
      this.selectedDb = db;
    }
    this.pending.append(args);
  }

  /** Bookkeeping after records were appended from `start` on. */
  private appended(start: number): void {
    this.appendedBytes += this.pending.size - start;
    this.appendedRecords++;
    // A rewrite replays everything logged after it began on top of its snapshot.
    this.rewriteJob?.capture(this.pending.copyFrom(start));
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private startTimer(): void {
    if (this.everysec) return;
    this.everysec = setInterval(() => {
      if (this.config.appendfsync === 'everysec' && this.writtenBytes > this.syncedBytes) this.fsync();
    }, 1000);
    this.everysec.unref();
  }

  /** One fsync at a time; writes made meanwhile are covered by the next (group commit). */
  private fsync(): void {
    if (this.fsyncing || this.fd === undefined) return;
    this.fsyncing = true;
    const upTo = this.writtenBytes;
    fs.fdatasync(this.fd, (error) => {
      this.fsyncing = false;
      if (error) {
        this.stats.lastWriteStatus = 'err';
        this.logger.error({ err: error }, 'fsync of the AOF failed');
        this.failWaiters(error);
        return;
      }
      this.syncedBytes = Math.max(this.syncedBytes, upTo);
      this.resolveWaiters();
      if (this.writtenBytes > this.syncedBytes && (this.waiters.length > 0 || this.config.appendfsync === 'always')) this.fsync();
    });
  }

  private resolveWaiters(): void {
    if (this.waiters.length === 0) return;
    const still: typeof this.waiters = [];
    for (const waiter of this.waiters) {
      if (waiter.upTo <= this.syncedBytes) waiter.resolve();
      else still.push(waiter);
    }
    this.waiters = still;
  }

  private failWaiters(error: Error): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }

  private maybeAutoRewrite(): void {
    const percentage = this.config.autoAofRewritePercentage;
    if (percentage <= 0 || this.rewriteJob || this.size < this.config.autoAofRewriteMinSize) return;
    const base = Math.max(this.baseSize, 1);
    if (((this.size - base) * 100) / base >= percentage) {
      this.logger.info({ size: this.size, base: this.baseSize }, 'starting automatic AOF rewrite');
      this.startRewrite();
    }
  }
}

function writeFully(fd: number, bytes: Buffer): void {
  let offset = 0;
  while (offset < bytes.length) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}
