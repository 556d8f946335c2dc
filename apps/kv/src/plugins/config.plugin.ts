import { inject } from 'tsyringe';
import { Handle, Plugin, WeirServer, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { AppendOnlyFile } from '../aof/append-only-file';
import { clientState } from '../client-state';
import { configParameter, CONFIG_PARAMETERS, type ConfigParameter } from '../config/config-parameters';
import { globMatch } from '../keyspace/glob';
import { Keyspace } from '../keyspace/keyspace';
import { KvConfig } from '../kv-config';
import { wrongArity } from '../reply/errors';
import { arr, bulk, err, map, ok, simple } from '../reply/replies';
import { ServerStats } from '../server-stats';

type Ctx = MessageContext<RespCommand, RespReply>;

const HELP = [
  'CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET <pattern> [<pattern> ...]',
  '    The parameters matching the glob patterns, with their values.',
  'SET <parameter> <value> [<parameter> <value> ...]',
  '    Changes parameters; all of them, or none if one value is refused.',
  'RESETSTAT',
  '    Zeroes the statistics INFO reports.',
  'HELP',
  '    Prints this help.',
];

/** CONFIG GET / SET / RESETSTAT over kv's live configuration. */
@Plugin({ name: 'config' })
export class ConfigPlugin {
  constructor(
    @inject(KvConfig) private readonly config: KvConfig,
    @inject(AppendOnlyFile) private readonly aof: AppendOnlyFile,
    @inject(Keyspace) private readonly keyspace: Keyspace,
    @inject(ServerStats) private readonly stats: ServerStats,
    @inject(WeirServer) private readonly server: WeirServer<RespCommand, RespReply>,
  ) {}

  @Handle('CONFIG')
  configCommand(command: RespCommand, ctx: Ctx): RespReply {
    switch (command[1].toString('latin1').toUpperCase()) {
      case 'GET':
        return this.get(command, ctx);
      case 'SET':
        return this.set(command);
      case 'RESETSTAT':
        this.stats.reset(this.server.stats());
        this.keyspace.stats.expiredKeys = 0;
        this.keyspace.stats.keyspaceHits = 0;
        this.keyspace.stats.keyspaceMisses = 0;
        return ok;
      default:
        return arr(HELP.map(simple));
    }
  }

  private get(command: RespCommand, ctx: Ctx): RespReply {
    const patterns = command.slice(2).map((arg) => arg.toString('latin1'));
    const pairs: Array<[RespReply, RespReply]> = [];
    for (const parameter of CONFIG_PARAMETERS) {
      if (!patterns.some((pattern) => globMatch(pattern, parameter.name, true))) continue;
      pairs.push([bulk(parameter.name), bulk(parameter.get(this.config))]);
    }
    return map(pairs, clientState(ctx).protocol);
  }

  private set(command: RespCommand): RespReply {
    if (command.length % 2 !== 0) return wrongArity('config|set');
    const changes: Array<[ConfigParameter, string]> = [];
    for (let i = 2; i < command.length; i += 2) {
      const name = command[i].toString('latin1');
      const parameter = configParameter(name);
      if (parameter === undefined) return err(`ERR Unknown option or number of arguments for CONFIG SET - '${name}'`);
      const value = command[i + 1].toString('latin1');
      if (changes.some(([p]) => p === parameter)) return failed(name, 'duplicate parameter');
      const problem = parameter.apply ? parameter.check(value) : "can't set immutable config";
      if (problem !== undefined) return failed(name, problem);
      changes.push([parameter, value]);
    }
    const wasAppendOnly = this.config.appendonly;
    for (const [parameter, value] of changes) parameter.apply?.(this.config, value);
    if (this.config.appendonly !== wasAppendOnly) {
      if (this.config.appendonly) this.aof.enable();
      else this.aof.disable();
    }
    return ok;
  }
}

function failed(name: string, problem: string): RespReply {
  return err(`ERR CONFIG SET failed (possibly related to argument '${name}') - ${problem}`);
}
