import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, WeirServer, type MessageContext } from '@weir/core';
import { RespReplies, type RespCommand, type RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { AppendOnlyFile } from '../aof/append-only-file';
import { clientState } from '../client-state';
import { InfoReport } from '../info/info-report';
import { Keyspace } from '../keyspace/keyspace';
import { DB_INDEX_OUT_OF_RANGE, NOT_INTEGER, SYNTAX } from '../reply/errors';
import { arr, bulk, err, int, nullReply, ok, simple } from '../reply/replies';
import { keyOf } from './string-access';

type Ctx = MessageContext<RespCommand, RespReply>;

/** Bytes a key costs beyond its name and value: table entry, slot arrays, object headers. */
const KEY_OVERHEAD = 48;

/** The server's commands: DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME, MEMORY, INFO, BGREWRITEAOF, SHUTDOWN. */
@Plugin({ name: 'server' })
export class ServerPlugin {
  constructor(
    @inject(Keyspace) private readonly keyspace: Keyspace,
    @inject(AppendOnlyFile) private readonly aof: AppendOnlyFile,
    @inject(InfoReport) private readonly info: InfoReport,
    @inject(WeirServer) private readonly server: WeirServer<RespCommand, RespReply>,
  ) {}

  @Handle('DBSIZE')
  dbsize(_command: RespCommand, ctx: Ctx): RespReply {
    return int(clientState(ctx).database.size);
  }

  /** ASYNC and SYNC are the same here: emptying a table just drops its references. */
  @Handle('FLUSHDB', 'FLUSHALL')
  flush(command: RespCommand, ctx: Ctx): RespReply {
    if (command.length > 2) return SYNTAX;
    if (command.length === 2) {
      const mode = command[1].toString('latin1').toUpperCase();
      if (mode !== 'ASYNC' && mode !== 'SYNC') return SYNTAX;
    }
    this.keyspace.flush(ctx.route === 'FLUSHDB' ? [clientState(ctx).db] : undefined);
    return ok;
  }

  @Handle('SWAPDB')
  swapdb(command: RespCommand): RespReply {
    const a = parseInteger(command[1]);
    if (a === undefined) return err('ERR invalid first DB index');
    const b = parseInteger(command[2]);
    if (b === undefined) return err('ERR invalid second DB index');
    const databases = this.keyspace.databases;
    if (a < 0 || a >= databases || b < 0 || b >= databases) return DB_INDEX_OUT_OF_RANGE;
    if (a !== b) this.keyspace.swap(a, b);
    return ok;
  }

  @Handle('TIME')
  time(): RespReply {
    const micros = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    return arr([bulk(String(Math.floor(micros / 1e6))), bulk(String(micros % 1e6))]);
  }

  @Handle('MEMORY')
  memory(command: RespCommand, ctx: Ctx): RespReply {
    const sub = command[1].toString('latin1').toUpperCase();
    if (sub !== 'USAGE') {
      return arr(
        ['MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:', 'USAGE <key> [SAMPLES <count>]', '    Estimated bytes the key and its value take.', 'HELP', '    Prints this help.'].map(
          simple,
        ),
      );
    }
    for (let i = 3; i < command.length; i += 2) {
      if (command[i].toString('latin1').toUpperCase() !== 'SAMPLES' || i + 1 >= command.length) return SYNTAX;
      if (parseInteger(command[i + 1]) === undefined) return NOT_INTEGER;
    }
    const client = clientState(ctx);
    const key = keyOf(command[2]);
    const value = client.database.get(key);
    if (value === undefined) return nullReply(client.protocol);
    const valueBytes = Buffer.isBuffer(value) ? value.length + 16 : value.memoryUsage();
    return int(KEY_OVERHEAD + key.length + valueBytes);
  }

  @Handle('INFO')
  infoCommand(command: RespCommand, ctx: Ctx): RespReply {
    const text = this.info.render(command.slice(1).map((arg) => arg.toString('latin1')));
    return clientState(ctx).protocol === 3 ? RespReplies.verbatim('txt', text) : bulk(text);
  }

  @Handle('BGREWRITEAOF')
  bgrewriteaof(): RespReply {
    if (this.aof.rewriting) return err('ERR Background append only file rewriting already in progress');
    this.aof.startRewrite();
    return simple('Background append only file rewriting started');
  }

  /** Answers nothing on success: the connection closes with the server, after the AOF is fsynced. */
  @Handle('SHUTDOWN')
  shutdown(command: RespCommand, ctx: Ctx): RespReply | undefined {
    for (let i = 1; i < command.length; i++) {
      const option = command[i].toString('latin1').toUpperCase();
      if (option === 'ABORT') return err('ERR No shutdown in progress.');
      if (!['NOSAVE', 'SAVE', 'NOW', 'FORCE'].includes(option)) return SYNTAX;
    }
    ctx.connection.destroy({ kind: 'server-close', detail: 'SHUTDOWN' });
    void this.server.close();
    return undefined;
  }
}
