import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, type AnyConnection, type MessageContext, type OnDisconnect } from '@weir/core';
import { RespReplies, type RespCommand, type RespReply } from '@weir/codecs';
import { clientState, type ClientState } from '../client-state';
import { arr, bulk, int, nullReply } from '../reply/replies';
import { namesOf, PubSub, type SubscriptionKind } from './pubsub-hub';

type Ctx = MessageContext<RespCommand, RespReply>;

const latin1 = (arg: Buffer) => arg.toString('latin1');

/** What each (un)subscribe command acts on, and the word its confirmations carry. */
const SUBSCRIBE_COMMANDS: Readonly<Record<string, { kind: SubscriptionKind; subscribe: boolean; word: string }>> = {
  SUBSCRIBE: { kind: 'channel', subscribe: true, word: 'subscribe' },
  UNSUBSCRIBE: { kind: 'channel', subscribe: false, word: 'unsubscribe' },
  PSUBSCRIBE: { kind: 'pattern', subscribe: true, word: 'psubscribe' },
  PUNSUBSCRIBE: { kind: 'pattern', subscribe: false, word: 'punsubscribe' },
  SSUBSCRIBE: { kind: 'shard', subscribe: true, word: 'ssubscribe' },
  SUNSUBSCRIBE: { kind: 'shard', subscribe: false, word: 'sunsubscribe' },
};

const HELP_LINES = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  '    Channels with at least one subscriber, those matching <pattern> if given.',
  'NUMPAT',
  '    How many patterns clients are subscribed to.',
  'NUMSUB [<channel> ...]',
  '    Each channel with its number of subscribers.',
  'SHARDCHANNELS [<pattern>]',
  '    Shard channels with at least one subscriber.',
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Each shard channel with its number of subscribers.',
  'HELP',
  '    Prints this help.',
];

/**
 * Pub/sub: (P|S)SUBSCRIBE and their UNSUBSCRIBEs, PUBLISH, SPUBLISH, PUBSUB.
 * Subscribers get messages as pushes written straight to their connection;
 * the confirmations of (un)subscribing are ordinary replies, one per name, in
 * RESP3 as push frames, as Redis sends them. The RESP2 subscribe context (only
 * these commands, PING, QUIT and RESET allowed) is enforced by the command gate.
 */
@Plugin({ name: 'pubsub' })
export class PubSubPlugin implements OnDisconnect {
  /** Connections that have subscribed at some time, until they close: whatever they hold then is dropped. */
  private readonly subscribers = new Map<AnyConnection, ClientState>();

  constructor(@inject(PubSub) private readonly hub: PubSub) {}

  @Handle('SUBSCRIBE', 'UNSUBSCRIBE', 'PSUBSCRIBE', 'PUNSUBSCRIBE', 'SSUBSCRIBE', 'SUNSUBSCRIBE')
  subscription(args: RespCommand, ctx: Ctx): void {
    const { kind, subscribe, word } = SUBSCRIBE_COMMANDS[ctx.route];
    const client = clientState(ctx);
    const names = args.length > 1 ? args.slice(1).map(latin1) : [...namesOf(client, kind)];
    if (names.length === 0) {
      // Unsubscribing from everything while subscribed to nothing still answers once, with a null name.
      ctx.reply(confirmation(client, word, null, this.countFor(client, kind)));
      return;
    }
    for (const name of names) {
      if (subscribe) this.hub.subscribe(client, kind, name);
      else this.hub.unsubscribe(client, kind, name);
      ctx.reply(confirmation(client, word, name, this.countFor(client, kind)));
    }
    if (client.subscriptionCount > 0 && !this.subscribers.has(ctx.connection)) {
      this.subscribers.set(ctx.connection, client);
      // RESET leaves the subscribe context as Redis's does: every subscription dropped, without confirmations.
      client.onReset(() => this.hub.unsubscribeAll(client));
    }
  }

  @Handle('PUBLISH')
  publish(args: RespCommand): RespReply {
    return int(this.hub.publish(latin1(args[1]), args[2]));
  }

  @Handle('SPUBLISH')
  spublish(args: RespCommand): RespReply {
    return int(this.hub.publishShard(latin1(args[1]), args[2]));
  }

  @Handle('PUBSUB')
  pubsub(args: RespCommand): RespReply {
    const sub = latin1(args[1]).toUpperCase();
    switch (sub) {
      case 'CHANNELS':
      case 'SHARDCHANNELS': {
        const kind = sub === 'CHANNELS' ? 'channel' : 'shard';
        const pattern = args.length > 2 ? latin1(args[2]) : undefined;
        return arr(this.hub.names(kind, pattern).map((name) => bulk(Buffer.from(name, 'latin1'))));
      }
      case 'NUMSUB':
      case 'SHARDNUMSUB': {
        const kind = sub === 'NUMSUB' ? 'channel' : 'shard';
        const items: RespReply[] = [];
        for (const arg of args.slice(2)) items.push(bulk(arg), int(this.hub.subscriberCount(kind, latin1(arg))));
        return arr(items);
      }
      case 'NUMPAT':
        return int(this.hub.patternCount);
      default:
        // HELP; the command gate has refused unknown subcommands already.
        return arr(HELP_LINES.map((line) => RespReplies.simple(line)));
    }
  }

  onDisconnect(connection: AnyConnection): void {
    const client = this.subscribers.get(connection);
    if (client === undefined) return;
    this.subscribers.delete(connection);
    this.hub.unsubscribeAll(client);
  }

  /** The count a confirmation carries: channels plus patterns, or shard channels alone, as Redis counts them. */
  private countFor(client: ClientState, kind: SubscriptionKind): number {
    return kind === 'shard' ? client.shardChannels.size : client.channels.size + client.patterns.size;
  }
}

/** `[word, name, count]`: an array in RESP2, a push in RESP3. */
function confirmation(client: ClientState, word: string, name: string | null, count: number): RespReply {
  const parts = [bulk(word), name === null ? nullReply(client.protocol) : bulk(Buffer.from(name, 'latin1')), int(count)];
  return client.protocol === 3 ? RespReplies.push(parts) : arr(parts);
}
