import { inject, injectable } from 'tsyringe';
import { Connection, type AnyConnection, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { KvConfig } from './kv-config';
import type { Database } from './keyspace/database';
import { Keyspace, type KeyWatcher } from './keyspace/keyspace';
import type { SubscriptionKind } from './plugins/pubsub-hub';
import type { Protocol } from './reply/replies';

/**
 * What a client with no subscriptions reads. Most clients never subscribe, watch
 * or RESET, so their sets and lists are made on first use: each empty Set held
 * ~170 bytes on every idle connection.
 */
const NONE: ReadonlySet<string> = new Set<string>();

/** A queued MULTI: the commands, and whether queuing one failed (then EXEC answers EXECABORT). */
export interface MultiQueue {
  readonly commands: RespCommand[];
  failed: boolean;
}

/**
 * What kv knows about one client connection: selected database, AUTH,
 * protocol, names, MULTI queue, watched keys and subscriptions. One per
 * connection, in its container: `ctx.get(ClientState)` or `clientState(ctx)`.
 */
@injectable()
export class ClientState implements KeyWatcher {
  readonly id: number;
  readonly createdAt = Date.now();
  db = 0;
  database: Database;
  authenticated: boolean;
  protocol: Protocol = 2;
  name = '';
  libName = '';
  libVer = '';
  multi: MultiQueue | undefined;
  /** A watched key changed: the next EXEC must fail. */
  casDirty = false;
  /** Subscriptions, kept by the pub/sub plugin; counted here for the RESP2 subscribe context and CLIENT LIST. */
  private channelSet: Set<string> | undefined;
  private patternSet: Set<string> | undefined;
  private shardChannelSet: Set<string> | undefined;
  /** The last command's name, lower case, for CLIENT LIST's `cmd=`. */
  lastCommand = 'NULL';
  /** Wrong passwords given in a row, for the AUTH back-off. */
  authFailures = 0;
  private resetListeners: Array<() => void> | undefined;
  private watchedKeys: Array<readonly [number, string]> | undefined;

  constructor(
    @inject(Connection) readonly connection: AnyConnection,
    @inject(Keyspace) private readonly keyspace: Keyspace,
    @inject(KvConfig) config: KvConfig,
  ) {
    this.id = connection.id;
    this.database = keyspace.db(0);
    this.authenticated = config.requirepass === '';
  }

  /** Switches to another database; the index must be in range. */
  select(index: number): void {
    this.db = index;
    this.database = this.keyspace.db(index);
  }

  /** When the client last sent anything (the connection keeps the time of its last read). */
  get lastInteraction(): number {
    return this.connection.lastReadAt;
  }

  get channels(): ReadonlySet<string> {
    return this.channelSet ?? NONE;
  }

  get patterns(): ReadonlySet<string> {
    return this.patternSet ?? NONE;
  }

  get shardChannels(): ReadonlySet<string> {
    return this.shardChannelSet ?? NONE;
  }

  /** The names of one kind, for the pub/sub hub to change. */
  subscriptionSet(kind: SubscriptionKind): Set<string> {
    if (kind === 'channel') return (this.channelSet ??= new Set());
    if (kind === 'pattern') return (this.patternSet ??= new Set());
    return (this.shardChannelSet ??= new Set());
  }

  get subscriptionCount(): number {
    return (this.channelSet?.size ?? 0) + (this.patternSet?.size ?? 0) + (this.shardChannelSet?.size ?? 0);
  }

  /**
   * Runs `listener` on RESET (after MULTI, WATCH, database and protocol are reset),
   * for state other plugins keep per client: pub/sub drops its subscriptions here.
   */
  onReset(listener: () => void): void {
    (this.resetListeners ??= []).push(listener);
  }

  /** RESP2 clients with subscriptions may only (un)subscribe, PING, QUIT and RESET. */
  get inSubscribeContext(): boolean {
    return this.protocol === 2 && this.subscriptionCount > 0;
  }

  get watching(): number {
    return this.watchedKeys?.length ?? 0;
  }

  watch(key: string): void {
    const db = this.db;
    const watched = (this.watchedKeys ??= []);
    if (watched.some(([d, k]) => d === db && k === key)) return;
    watched.push([db, key]);
    this.keyspace.watch(this, db, key);
  }

  unwatchAll(): void {
    const watched = this.watchedKeys;
    this.watchedKeys = undefined;
    for (const [db, key] of watched ?? []) this.keyspace.unwatch(this, db, key);
    this.casDirty = false;
  }

  /** Back to a fresh connection's state (RESET), but still the same client. */
  reset(requirePass: boolean): void {
    this.multi = undefined;
    this.unwatchAll();
    this.select(0);
    this.protocol = 2;
    this.name = '';
    this.authenticated = !requirePass;
    for (const listener of this.resetListeners ?? []) listener();
  }

  /** The connection's container calls this when the connection closes. */
  dispose(): void {
    this.unwatchAll();
  }
}

// Kept on the connection object under a symbol: a property read is the
// cheapest lookup there is, and this runs several times for every command
// (a container resolve each time would cost far more).
const CLIENT_STATE = Symbol('kv.clientState');
interface WithClientState {
  [CLIENT_STATE]?: ClientState;
}

/** The ClientState of the connection a command arrived on. */
export function clientState(ctx: MessageContext<RespCommand, RespReply>): ClientState {
  const holder = ctx.connection as unknown as WithClientState;
  return holder[CLIENT_STATE] ?? (holder[CLIENT_STATE] = ctx.get(ClientState));
}

/** The database the client has selected. */
export function database(ctx: MessageContext<RespCommand, RespReply>): Database {
  return clientState(ctx).database;
}
