import { inject, injectable } from 'tsyringe';
import { CLOCK, type Clock } from '@weir/core';
import { KvConfig } from '../kv-config';
import type { Database } from './database';
import { KeyTable, type KeyTableHost } from './key-table';

/** A client that WATCHes keys: flagged when one of them changes, so its EXEC fails. */
export interface KeyWatcher {
  casDirty: boolean;
}

/** Told of every key deleted because it expired (the AOF logs a DEL for it). */
export type ExpiryListener = (db: number, key: string) => void;

export interface KeyspaceStats {
  expiredKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
}

/**
 * The numbered databases, and what spans them: the dirty counter (writes since
 * the last rewrite), WATCH bookkeeping, expiry propagation and the `loading`
 * switch that stops expiry while the AOF replays.
 */
@injectable()
export class Keyspace implements KeyTableHost {
  readonly databases: number;
  /** Key changes since start; the AOF middleware logs a command only if it moved this. */
  dirty = 0;
  loading = false;
  readonly stats: KeyspaceStats = { expiredKeys: 0, keyspaceHits: 0, keyspaceMisses: 0 };
  private readonly tables: KeyTable[];
  private readonly watchers = new Map<string, Set<KeyWatcher>>();
  private readonly expiryListeners: ExpiryListener[] = [];

  constructor(@inject(KvConfig) config: KvConfig, @inject(CLOCK) private readonly clock: Clock) {
    this.databases = config.databases;
    this.tables = Array.from({ length: this.databases }, (_, i) => new KeyTable(i, this));
  }

  db(index: number): Database {
    return this.tables[index];
  }

  /** The concrete table, with what only server commands need (SCAN, RANDOMKEY, FLUSHDB...). */
  table(index: number): KeyTable {
    return this.tables[index];
  }

  now(): number {
    return this.clock.now();
  }

  modified(db: number, key: string): void {
    this.dirty++;
    if (this.watchers.size !== 0) this.touchWatched(db, key);
  }

  expired(db: number, key: string): void {
    this.stats.expiredKeys++;
    if (this.watchers.size !== 0) this.touchWatched(db, key);
    for (const listener of this.expiryListeners) listener(db, key);
  }

  onExpired(listener: ExpiryListener): void {
    this.expiryListeners.push(listener);
  }

  watch(watcher: KeyWatcher, db: number, key: string): void {
    const id = watchId(db, key);
    let set = this.watchers.get(id);
    if (!set) this.watchers.set(id, (set = new Set()));
    set.add(watcher);
  }

  /** Keys some client WATCHes (a key in two databases counts twice): back to 0 once every watcher has gone. */
  get watchedKeyCount(): number {
    return this.watchers.size;
  }

  unwatch(watcher: KeyWatcher, db: number, key: string): void {
    const id = watchId(db, key);
    const set = this.watchers.get(id);
    if (!set) return;
    set.delete(watcher);
    if (set.size === 0) this.watchers.delete(id);
  }

  /** FLUSHDB / FLUSHALL: empties the tables, failing the EXEC of whoever watched a key that existed. */
  flush(indexes: readonly number[] = this.tables.map((t) => t.index)): number {
    let removed = 0;
    for (const index of indexes) {
      const table = this.tables[index];
      removed += table.size;
      if (this.watchers.size !== 0) this.touchExistingWatched(index);
      table.clear();
    }
    this.dirty += Math.max(removed, 1);
    return removed;
  }

  /** SWAPDB: clients that selected either database see the other's keys from now on. */
  swap(a: number, b: number): void {
    if (this.watchers.size !== 0) {
      this.touchExistingWatched(a);
      this.touchExistingWatched(b);
    }
    this.tables[a].swapContents(this.tables[b]);
    if (this.watchers.size !== 0) {
      this.touchExistingWatched(a);
      this.touchExistingWatched(b);
    }
    this.dirty++;
  }

  /** Keys in all databases. */
  get totalKeys(): number {
    let total = 0;
    for (const table of this.tables) total += table.size;
    return total;
  }

  private touchWatched(db: number, key: string): void {
    const set = this.watchers.get(watchId(db, key));
    if (set) for (const watcher of set) watcher.casDirty = true;
  }

  private touchExistingWatched(db: number): void {
    const prefix = `${db}:`;
    for (const [id, set] of this.watchers) {
      if (!id.startsWith(prefix)) continue;
      if (!this.tables[db].has(id.slice(prefix.length))) continue;
      for (const watcher of set) watcher.casDirty = true;
    }
  }
}

function watchId(db: number, key: string): string {
  return `${db}:${key}`;
}
