import { Buffer } from 'node:buffer';
import type { RespReply } from '@weir/codecs';
import { err } from './replies';

/**
 * Error replies with Redis 7's exact texts (checked against redis-server 7.0
 * and the Redis sources): clients and their tests match on them.
 */
export const WRONGTYPE = err('WRONGTYPE Operation against a key holding the wrong kind of value');
export const NOT_INTEGER = err('ERR value is not an integer or out of range');
export const NOT_FLOAT = err('ERR value is not a valid float');
export const SYNTAX = err('ERR syntax error');
export const NO_SUCH_KEY = err('ERR no such key');
export const DB_INDEX_OUT_OF_RANGE = err('ERR DB index is out of range');
export const OFFSET_OUT_OF_RANGE = err('ERR offset is out of range');
export const STRING_TOO_LONG = err('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
export const INCR_OVERFLOW = err('ERR increment or decrement would overflow');
export const DECR_OVERFLOW = err('ERR decrement would overflow');
export const INCR_NAN = err('ERR increment would produce NaN or Infinity');
export const INVALID_CURSOR = err('ERR invalid cursor');
export const SAME_OBJECT = err('ERR source and destination objects are the same');
export const NOAUTH = err('NOAUTH Authentication required.');
export const WRONGPASS = err('WRONGPASS invalid username-password pair or user is disabled.');
export const AUTH_NOT_CONFIGURED = err(
  'ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?',
);
export const EXECABORT = err('EXECABORT Transaction discarded because of previous errors.');
export const EXEC_WITHOUT_MULTI = err('ERR EXEC without MULTI');
export const DISCARD_WITHOUT_MULTI = err('ERR DISCARD without MULTI');
export const MULTI_NESTED = err('ERR MULTI calls can not be nested');
export const WATCH_IN_MULTI = err('ERR WATCH inside MULTI is not allowed');
export const MAX_CLIENTS = 'ERR max number of clients reached';
export const NO_SUCH_CLIENT = err('ERR No such client');
export const BAD_CLIENT_NAME = err('ERR Client names cannot contain spaces, newlines or special characters.');
export const NOPROTO = err('NOPROTO unsupported protocol version');
export const BAD_PROTOCOL_VERSION = err('ERR Protocol version is not an integer or out of range');
export const NX_XX_GT_LT = err('ERR NX and XX, GT or LT options at the same time are not compatible');
export const GT_LT = err('ERR GT and LT options at the same time are not compatible');

/** `ERR wrong number of arguments for 'get' command`; subcommands read `'config|get'`. */
export function wrongArity(name: string): RespReply {
  return err(`ERR wrong number of arguments for '${name.toLowerCase()}' command`);
}

export function invalidExpireTime(command: string): RespReply {
  return err(`ERR invalid expire time in '${command.toLowerCase()}' command`);
}

/** `ERR unknown subcommand 'FOO'. Try CONFIG HELP.` */
export function unknownSubcommand(sub: string, command: string): RespReply {
  return err(`ERR unknown subcommand '${truncate(sub, 128)}'. Try ${command.toUpperCase()} HELP.`);
}

/**
 * `ERR unknown command 'FOO', with args beginning with: 'a' 'b' `: the name cut at
 * 128 characters, then quoted arguments until the list reaches 128 characters,
 * the last one cut to fit, as redis-server words it.
 */
export function unknownCommand(args: readonly Buffer[]): RespReply {
  let list = '';
  for (let i = 1; i < args.length && list.length < 128; i++) {
    list += `'${args[i].toString('latin1', 0, 128 - list.length)}' `;
  }
  return err(`ERR unknown command '${truncate(args[0].toString('latin1'), 128)}', with args beginning with: ${list}`);
}

/** In RESP2 a subscribed client may only (un)subscribe, PING, QUIT and RESET. `command` as Redis names it: `get`, `config|get`. */
export function notInSubscribeContext(command: string): RespReply {
  return err(
    `ERR Can't execute '${command.toLowerCase()}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`,
  );
}

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max) : text;
}
