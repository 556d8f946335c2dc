import { Buffer } from 'node:buffer';
import { inject } from 'tsyringe';
import { Handle, Plugin, WeirServer, type Connection, type MessageContext } from '@weir/core';
import { RespReplies, type RespCommand, type RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { ClientState, clientState } from '../client-state';
import { BAD_CLIENT_NAME, NO_SUCH_CLIENT, NOT_INTEGER, SYNTAX } from '../reply/errors';
import { arr, bulk, err, int, nullReply, ok, simple, zero, type Protocol } from '../reply/replies';
import { isValidClientName } from './connection.plugin';

type Ctx = MessageContext<RespCommand, RespReply>;
type KvConnection = Connection<RespCommand, RespReply>;

const HELP = [
  'CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ID',
  '    The id of this connection.',
  'GETNAME',
  '    The name of this connection.',
  'SETNAME <name>',
  '    Names this connection.',
  'SETINFO <LIB-NAME|LIB-VER> <value>',
  '    Records the client library in use on this connection.',
  'INFO',
  '    One line describing this connection.',
  'LIST [TYPE (NORMAL|PUBSUB)] [ID <id> ...]',
  '    One line per connection.',
  'KILL <ip:port>',
  '    Closes the connection from that address.',
  'KILL <option> <value> [<option> <value> [...]]',
  '    Closes the connections matching all the filters: ID, ADDR, LADDR, TYPE, USER, SKIPME, MAXAGE.',
  'HELP',
  '    Prints this help.',
];

/** CLIENT: this connection's id and names, and the other connections (LIST, KILL). */
@Plugin({ name: 'client' })
export class ClientPlugin {
  constructor(@inject(WeirServer) private readonly server: WeirServer<RespCommand, RespReply>) {}

  @Handle('CLIENT')
  client(command: RespCommand, ctx: Ctx): RespReply {
    const client = clientState(ctx);
    switch (command[1].toString('latin1').toUpperCase()) {
      case 'ID':
        return int(client.id);
      case 'GETNAME':
        return client.name === '' ? nullReply(client.protocol) : bulk(Buffer.from(client.name, 'latin1'));
      case 'SETNAME':
        if (!isValidClientName(command[2])) return BAD_CLIENT_NAME;
        client.name = command[2].toString('latin1');
        return ok;
      case 'SETINFO':
        return this.setinfo(command, client);
      case 'INFO':
        return text(describe(ctx.connection, client), client.protocol);
      case 'LIST':
        return this.list(command, client);
      case 'KILL':
        return this.kill(command, ctx);
      default:
        return arr(HELP.map(simple));
    }
  }

  private setinfo(command: RespCommand, client: ClientState): RespReply {
    const attribute = command[2].toString('latin1').toLowerCase();
    if (attribute !== 'lib-name' && attribute !== 'lib-ver') {
      return err(`ERR Unrecognized option '${command[2].toString('latin1')}'`);
    }
    if (!isValidClientName(command[3])) return err(`ERR ${attribute} cannot contain spaces, newlines or special characters.`);
    if (attribute === 'lib-name') client.libName = command[3].toString('latin1');
    else client.libVer = command[3].toString('latin1');
    return ok;
  }

  private list(command: RespCommand, client: ClientState): RespReply {
    let type: string | undefined;
    let ids: Set<number> | undefined;
    for (let i = 2; i < command.length; i++) {
      const option = command[i].toString('latin1').toUpperCase();
      if (option === 'TYPE' && i + 1 < command.length) {
        type = command[++i].toString('latin1').toLowerCase();
        if (!['normal', 'master', 'replica', 'slave', 'pubsub'].includes(type)) {
          return err(`ERR Unknown client type '${command[i].toString('latin1')}'`);
        }
      } else if (option === 'ID' && i + 1 < command.length) {
        ids = new Set();
        for (i++; i < command.length; i++) {
          const id = parseInteger(command[i]);
          if (id === undefined || id <= 0) return err('ERR Invalid client ID');
          ids.add(id);
        }
      } else {
        return SYNTAX;
      }
    }
    const lines: string[] = [];
    for (const connection of this.server.connections()) {
      const state = connection.get(ClientState);
      if (ids && !ids.has(state.id)) continue;
      if (type !== undefined && clientType(state) !== type) continue;
      lines.push(describe(connection, state));
    }
    return text(lines.join(''), client.protocol);
  }

  private kill(command: RespCommand, ctx: Ctx): RespReply {
    const self = ctx.connection;
    if (command.length === 3) {
      // The old form: one address, and this connection may be it.
      const address = command[2].toString('latin1');
      const target = [...this.server.connections()].find((c) => `${c.remoteAddress}:${c.remotePort}` === address);
      if (!target) return NO_SUCH_CLIENT;
      target.close({ kind: 'closed', detail: 'CLIENT KILL' });
      return ok;
    }
    if (command.length % 2 !== 0) return SYNTAX;
    const filters: Array<(connection: KvConnection, state: ClientState) => boolean> = [];
    let skipMe = true;
    for (let i = 2; i < command.length; i += 2) {
      const option = command[i].toString('latin1').toUpperCase();
      const value = command[i + 1].toString('latin1');
      switch (option) {
        case 'ID': {
          const id = parseInteger(command[i + 1]);
          if (id === undefined || id <= 0) return err('ERR client-id should be greater than 0');
          filters.push((_c, state) => state.id === id);
          break;
        }
        case 'ADDR':
          filters.push((c) => `${c.remoteAddress}:${c.remotePort}` === value);
          break;
        case 'LADDR':
          filters.push(() => false);
          break;
        case 'TYPE':
          filters.push((_c, state) => clientType(state) === value.toLowerCase());
          break;
        case 'USER':
          filters.push(() => value === 'default');
          break;
        case 'SKIPME':
          if (value.toLowerCase() !== 'yes' && value.toLowerCase() !== 'no') return SYNTAX;
          skipMe = value.toLowerCase() === 'yes';
          break;
        case 'MAXAGE': {
          const age = parseInteger(command[i + 1]);
          if (age === undefined) return NOT_INTEGER;
          filters.push((_c, state) => (Date.now() - state.createdAt) / 1000 >= age);
          break;
        }
        default:
          return SYNTAX;
      }
    }
    let killed = 0;
    for (const connection of [...this.server.connections()]) {
      if (skipMe && connection === self) continue;
      const state = connection.get(ClientState);
      if (!filters.every((test) => test(connection, state))) continue;
      connection.close({ kind: 'closed', detail: 'CLIENT KILL' });
      killed++;
    }
    return killed === 0 ? zero : int(killed);
  }
}

function clientType(state: ClientState): string {
  return state.subscriptionCount > 0 ? 'pubsub' : 'normal';
}

/** A CLIENT LIST line, with the fields Redis gives that mean something here. */
function describe(connection: KvConnection, state: ClientState): string {
  const now = Date.now();
  const flags = state.multi ? 'x' : state.subscriptionCount > 0 ? 'P' : 'N';
  return (
    `id=${state.id} addr=${connection.remoteAddress}:${connection.remotePort} laddr= fd=-1 name=${state.name} ` +
    `age=${Math.floor((now - state.createdAt) / 1000)} idle=${Math.floor((now - state.lastInteraction) / 1000)} flags=${flags} ` +
    `db=${state.db} sub=${state.channels.size} psub=${state.patterns.size} ssub=${state.shardChannels.size} ` +
    `multi=${state.multi ? state.multi.commands.length : -1} watch=${state.watching} qbuf=0 qbuf-free=0 argv-mem=0 multi-mem=0 ` +
    `rbs=0 rbp=0 obl=0 oll=0 omem=${connection.pendingOutputBytes} tot-mem=0 events=r cmd=${state.lastCommand} user=default ` +
    `redir=-1 resp=${state.protocol} lib-name=${state.libName} lib-ver=${state.libVer}\n`
  );
}

/** Text replies: verbatim strings in RESP3, bulk strings in RESP2. */
function text(value: string, proto: Protocol): RespReply {
  return proto === 3 ? RespReplies.verbatim('txt', value) : bulk(value);
}
