import { Buffer } from 'node:buffer';
import { createHash, timingSafeEqual } from 'node:crypto';
import { inject } from 'tsyringe';
import { Handle, Plugin, type MessageContext } from '@weir/core';
import type { RespCommand, RespReply } from '@weir/codecs';
import { parseInteger } from '../args/numbers';
import { clientState, type ClientState } from '../client-state';
import { Keyspace } from '../keyspace/keyspace';
import { KvConfig } from '../kv-config';
import {
  AUTH_NOT_CONFIGURED,
  BAD_CLIENT_NAME,
  BAD_PROTOCOL_VERSION,
  DB_INDEX_OUT_OF_RANGE,
  NOPROTO,
  NOT_INTEGER,
  WRONGPASS,
  wrongArity,
} from '../reply/errors';
import { arr, bulk, err, int, map, ok, pong, simple, type Protocol } from '../reply/replies';
import { ServerStats } from '../server-stats';
import { SERVER_VERSION } from '../server-version';

type Ctx = MessageContext<RespCommand, RespReply>;

const HELLO_NOAUTH = err(
  'NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time',
);
const RESET = simple('RESET');
/** Wrong passwords in a row on one connection wait 2^n × this before their reply, up to the cap. */
const AUTH_DELAY_BASE_MS = 5;
const AUTH_DELAY_MAX_MS = 2000;

/** Client names (and SETINFO values) may hold printable ASCII but no space, as CLIENT LIST's format needs. */
export function isValidClientName(name: Buffer): boolean {
  for (const byte of name) if (byte < 0x21 || byte > 0x7e) return false;
  return true;
}

/** The connection's own commands: PING, ECHO, QUIT, RESET, AUTH, HELLO, SELECT. */
@Plugin({ name: 'connection' })
export class ConnectionPlugin {
  constructor(
    @inject(KvConfig) private readonly config: KvConfig,
    @inject(Keyspace) private readonly keyspace: Keyspace,
    @inject(ServerStats) private readonly stats: ServerStats,
  ) {}

  @Handle('PING')
  ping(command: RespCommand, ctx: Ctx): RespReply {
    if (command.length > 2) return wrongArity('ping');
    // A RESP2 subscriber gets PING's answer in the shape of a pub/sub message.
    if (clientState(ctx).inSubscribeContext) return arr([bulk('pong'), bulk(command[1] ?? '')]);
    return command.length === 2 ? bulk(command[1]) : pong;
  }

  @Handle('ECHO')
  echo(command: RespCommand): RespReply {
    return bulk(command[1]);
  }

  @Handle('QUIT')
  quit(_command: RespCommand, ctx: Ctx): RespReply {
    ctx.connection.close({ kind: 'closed', detail: 'QUIT' });
    return ok;
  }

  @Handle('RESET')
  reset(_command: RespCommand, ctx: Ctx): RespReply {
    clientState(ctx).reset(this.config.requirepass !== '');
    return RESET;
  }

  @Handle('AUTH')
  auth(command: RespCommand, ctx: Ctx): RespReply | Promise<RespReply> {
    if (command.length > 3) return err('ERR syntax error');
    const client = clientState(ctx);
    if (command.length === 2 && this.config.requirepass === '') return AUTH_NOT_CONFIGURED;
    const user = command.length === 3 ? command[1] : undefined;
    return this.authenticate(client, user, command[command.length - 1]) ? ok : this.refuse(client);
  }

  @Handle('HELLO')
  hello(command: RespCommand, ctx: Ctx): RespReply | Promise<RespReply> {
    const client = clientState(ctx);
    let protocol: Protocol = client.protocol;
    if (command.length >= 2) {
      const version = parseInteger(command[1]);
      if (version === undefined) return BAD_PROTOCOL_VERSION;
      if (version !== 2 && version !== 3) return NOPROTO;
      protocol = version;
    }
    let credentials: [Buffer, Buffer] | undefined;
    let name: Buffer | undefined;
    for (let i = 2; i < command.length; i++) {
      const option = command[i].toString('latin1').toUpperCase();
      if (option === 'AUTH' && i + 2 < command.length) {
        credentials = [command[i + 1], command[i + 2]];
        i += 2;
      } else if (option === 'SETNAME' && i + 1 < command.length) {
        name = command[++i];
      } else {
        return err(`ERR Syntax error in HELLO option '${command[i].toString('latin1')}'`);
      }
    }
    if (credentials && !this.authenticate(client, credentials[0], credentials[1])) return this.refuse(client);
    if (!client.authenticated) return HELLO_NOAUTH;
    if (name !== undefined) {
      if (!isValidClientName(name)) return BAD_CLIENT_NAME;
      client.name = name.toString('latin1');
    }
    client.protocol = protocol;
    return map(
      [
        [bulk('server'), bulk('redis')],
        [bulk('version'), bulk(SERVER_VERSION)],
        [bulk('proto'), int(protocol)],
        [bulk('id'), int(client.id)],
        [bulk('mode'), bulk('standalone')],
        [bulk('role'), bulk('master')],
        [bulk('modules'), arr([])],
      ],
      protocol,
    );
  }

  @Handle('SELECT')
  select(command: RespCommand, ctx: Ctx): RespReply {
    const index = parseInteger(command[1]);
    if (index === undefined) return NOT_INTEGER;
    if (index < 0 || index >= this.keyspace.databases) return DB_INDEX_OUT_OF_RANGE;
    clientState(ctx).select(index);
    return ok;
  }

  /** The default user is the only one; with no requirepass it takes any password, as Redis's nopass user does. */
  private authenticate(client: ClientState, user: Buffer | undefined, password: Buffer): boolean {
    const userOk = user === undefined || user.toString('latin1') === 'default';
    const passwordOk = this.config.requirepass === '' || sameSecret(password, this.config.requirepass);
    if (userOk && passwordOk) {
      client.authenticated = true;
      client.authFailures = 0;
      return true;
    }
    return false;
  }

  /** WRONGPASS, later and later for each failure in a row on the connection, to slow down guessing. */
  private refuse(client: ClientState): Promise<RespReply> {
    this.stats.authFailures++;
    const delay = Math.min(AUTH_DELAY_BASE_MS * 2 ** client.authFailures, AUTH_DELAY_MAX_MS);
    client.authFailures++;
    return new Promise((resolve) => setTimeout(() => resolve(WRONGPASS), delay));
  }
}

/** Compares in constant time (over digests, so lengths do not leak either). */
function sameSecret(given: Buffer, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(Buffer.from(expected, 'latin1')).digest();
  return timingSafeEqual(a, b);
}
