import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { clientState } from '../client-state';
import { commandDocs, commandInfo } from '../commands/command-docs';
import { COMMAND_TABLE } from '../commands/command-table';
import { arr, bulk, int, map, nullReply, simple } from '../reply/replies';

type Ctx = MessageContext<RespCommand, RespReply>;

const HELP = [
  'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  '(no subcommand)',
  '    Every command, described.',
  'COUNT',
  '    How many commands there are.',
  'INFO [<command-name> ...]',
  '    The description of the named commands (all of them without names).',
  'DOCS [<command-name> ...]',
  '    The documentation of the named commands (all of them without names).',
  'LIST',
  '    The names of all commands.',
  'HELP',
  '    Prints this help.',
];

/** COMMAND: what redis-cli and client libraries ask to learn the command set (from the one command table). */
@Plugin({ name: 'command' })
export class CommandPlugin {
  @Handle('COMMAND')
  command(command: RespCommand, ctx: Ctx): RespReply {
    const proto = clientState(ctx).protocol;
    if (command.length === 1) return arr([...COMMAND_TABLE.values()].map((spec) => commandInfo(spec, proto)));
    const names = command.slice(2).map((arg) => arg.toString('latin1').toUpperCase());
    switch (command[1].toString('latin1').toUpperCase()) {
      case 'COUNT':
        return int(COMMAND_TABLE.size);
      case 'LIST':
        return arr([...COMMAND_TABLE.values()].map((spec) => bulk(spec.name)));
      case 'INFO': {
        if (names.length === 0) return arr([...COMMAND_TABLE.values()].map((spec) => commandInfo(spec, proto)));
        return arr(names.map((name) => lookup(name)).map((spec) => (spec ? commandInfo(spec, proto) : nullReply(proto))));
      }
      case 'DOCS': {
        const specs = names.length === 0 ? [...COMMAND_TABLE.values()] : names.map(lookup).filter((spec) => spec !== undefined);
        return map(
          specs.map((spec) => [bulk(spec.name), commandDocs(spec, proto)] as const),
          proto,
        );
      }
      default:
        return arr(HELP.map(simple));
    }
  }
}

/** A command, or a subcommand written `container|sub`. */
function lookup(name: string) {
  const bar = name.indexOf('|');
  if (bar < 0) return COMMAND_TABLE.get(name);
  return COMMAND_TABLE.get(name.slice(0, bar))?.subcommands.get(name.slice(bar + 1));
}
