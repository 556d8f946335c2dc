import { Buffer } from 'node:buffer';
import { injectable } from 'tsyringe';
import { Frame } from '@weir/core';
import { encodeRespReply, RespReplies, type RespReply } from '@weir/codecs';
import type { ClientState } from '../client-state';
import { globMatch } from '../keyspace/glob';

/** Which of the three subscription spaces: channels, patterns, shard channels. */
export type SubscriptionKind = 'channel' | 'pattern' | 'shard';

/** A client's own set of names for a kind: ClientState keeps them (the RESP2 subscribe context reads them). */
export function namesOf(client: ClientState, kind: SubscriptionKind): ReadonlySet<string> {
  return kind === 'channel' ? client.channels : kind === 'pattern' ? client.patterns : client.shardChannels;
}

/**
 * The pub/sub registry, shared by every connection of a server (register it
 * as a root singleton): who listens to which channel, pattern and shard
 * channel, and delivery of published messages.
 *
 * A message goes out as a Frame, encoded once per shape: every RESP2
 * subscriber of a channel gets the same `message` bytes, every RESP3 one the
 * same push bytes, and likewise for each matching pattern's `pmessage`.
 *
 * The client's own sets (ClientState) are the truth; the maps here are the
 * index for delivery. A client whose set lost a name behind the hub's back is
 * skipped and dropped from the index on the next publish, so nothing is sent to it.
 */
@injectable()
export class PubSub {
  private readonly index: Record<SubscriptionKind, Map<string, Set<ClientState>>> = {
    channel: new Map(),
    pattern: new Map(),
    shard: new Map(),
  };

  /** Adds a subscription; false if the client had it already. */
  subscribe(client: ClientState, kind: SubscriptionKind, name: string): boolean {
    const names = client.subscriptionSet(kind);
    if (names.has(name)) return false;
    names.add(name);
    const map = this.index[kind];
    let clients = map.get(name);
    if (clients === undefined) map.set(name, (clients = new Set()));
    clients.add(client);
    return true;
  }

  /** Removes a subscription; false if the client did not have it. */
  unsubscribe(client: ClientState, kind: SubscriptionKind, name: string): boolean {
    const had = namesOf(client, kind).has(name) && client.subscriptionSet(kind).delete(name);
    this.forget(kind, name, client);
    return had;
  }

  /** Every subscription of the client, of every kind (disconnect, RESET). */
  unsubscribeAll(client: ClientState): void {
    for (const kind of ['channel', 'pattern', 'shard'] as const) {
      for (const name of [...namesOf(client, kind)]) this.unsubscribe(client, kind, name);
    }
  }

  /** Sends `message` to the channel's subscribers and to every matching pattern's; returns how many deliveries. */
  publish(channel: string, message: Buffer): number {
    const channelBytes = Buffer.from(channel, 'latin1');
    let receivers = this.deliver('channel', channel, [bulkOf('message'), RespReplies.bulk(channelBytes), RespReplies.bulk(message)]);
    for (const pattern of this.index.pattern.keys()) {
      if (!globMatch(pattern, channel)) continue;
      const parts = [bulkOf('pmessage'), RespReplies.bulk(Buffer.from(pattern, 'latin1')), RespReplies.bulk(channelBytes), RespReplies.bulk(message)];
      receivers += this.deliver('pattern', pattern, parts);
    }
    return receivers;
  }

  /** SPUBLISH: shard channels are their own space, delivered as `smessage`. */
  publishShard(channel: string, message: Buffer): number {
    return this.deliver('shard', channel, [bulkOf('smessage'), RespReplies.bulk(Buffer.from(channel, 'latin1')), RespReplies.bulk(message)]);
  }

  /** Names with at least one subscriber, optionally only those matching a glob pattern. */
  names(kind: 'channel' | 'shard', pattern?: string): string[] {
    const out: string[] = [];
    for (const name of this.index[kind].keys()) if (pattern === undefined || globMatch(pattern, name)) out.push(name);
    return out;
  }

  subscriberCount(kind: 'channel' | 'shard', name: string): number {
    return this.index[kind].get(name)?.size ?? 0;
  }

  /** Subscriptions of every kind, over all clients: back to 0 once every subscriber has gone. */
  get subscriptionCount(): number {
    let count = 0;
    for (const map of Object.values(this.index)) for (const clients of map.values()) count += clients.size;
    return count;
  }

  /** PUBSUB NUMPAT: distinct patterns with subscribers. */
  get patternCount(): number {
    return this.index.pattern.size;
  }

  private deliver(kind: SubscriptionKind, name: string, parts: RespReply[]): number {
    const clients = this.index[kind].get(name);
    if (clients === undefined) return 0;
    let resp2: Frame | undefined;
    let resp3: Frame | undefined;
    let delivered = 0;
    for (const client of [...clients]) {
      if (!namesOf(client, kind).has(name)) {
        this.forget(kind, name, client);
        continue;
      }
      if (client.protocol === 3) client.connection.send((resp3 ??= new Frame(encodeRespReply(RespReplies.push(parts)))));
      else client.connection.send((resp2 ??= new Frame(encodeRespReply(RespReplies.array(parts)))));
      delivered++;
    }
    return delivered;
  }

  private forget(kind: SubscriptionKind, name: string, client: ClientState): void {
    const map = this.index[kind];
    const clients = map.get(name);
    if (clients === undefined) return;
    clients.delete(client);
    if (clients.size === 0) map.delete(name);
  }
}

function bulkOf(text: string): RespReply {
  return RespReplies.bulk(text);
}
