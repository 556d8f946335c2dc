import type { RespReply } from '@weir/codecs';
import { arr, bulk, int, map, set, simple, type Protocol } from '../reply/replies';
import type { CommandSpec } from './command-spec';

const CATEGORY_OF_GROUP: Record<string, string> = {
  generic: '@keyspace',
  string: '@string',
  hash: '@hash',
  list: '@list',
  set: '@set',
  'sorted-set': '@sortedset',
  pubsub: '@pubsub',
  connection: '@connection',
  transactions: '@transaction',
};

/** ACL categories as Redis derives them from a command's flags and group. */
export function aclCategories(spec: CommandSpec): string[] {
  const categories: string[] = [];
  if (spec.flags.has('write')) categories.push('@write');
  if (spec.flags.has('readonly')) categories.push('@read');
  const group = CATEGORY_OF_GROUP[spec.group];
  if (group) categories.push(group);
  if (spec.flags.has('admin')) categories.push('@admin', '@dangerous');
  if (spec.flags.has('pubsub')) categories.push('@pubsub');
  if (spec.flags.has('blocking')) categories.push('@blocking');
  categories.push(spec.flags.has('fast') ? '@fast' : '@slow');
  return [...new Set(categories)];
}

/** One COMMAND INFO entry: name, arity, flags, key positions, ACL categories, tips, key specs, subcommands. */
export function commandInfo(spec: CommandSpec, proto: Protocol): RespReply {
  return arr([
    bulk(spec.name),
    int(spec.arity),
    set([...spec.flags].map(simple), proto),
    int(spec.firstKey),
    int(spec.lastKey),
    int(spec.step),
    set(aclCategories(spec).map(simple), proto),
    set([], proto),
    arr([]),
    arr([...spec.subcommands.values()].map((sub) => commandInfo(sub, proto))),
  ]);
}

/** One COMMAND DOCS entry: summary, since, group, and the subcommands' docs. */
export function commandDocs(spec: CommandSpec, proto: Protocol): RespReply {
  const fields: Array<[RespReply, RespReply]> = [
    [bulk('summary'), bulk(spec.summary)],
    [bulk('since'), bulk(spec.since)],
    [bulk('group'), bulk(spec.group)],
  ];
  if (spec.subcommands.size > 0) {
    const subs: Array<[RespReply, RespReply]> = [...spec.subcommands.values()].map((sub) => [bulk(sub.name), commandDocs(sub, proto)]);
    fields.push([bulk('subcommands'), map(subs, proto)]);
  }
  return map(fields, proto);
}

