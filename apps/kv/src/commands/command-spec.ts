/** Redis's command flags, as COMMAND INFO lists them. */
export type CommandFlag =
  | 'write'
  | 'readonly'
  | 'denyoom'
  | 'admin'
  | 'pubsub'
  | 'noscript'
  | 'blocking'
  | 'loading'
  | 'stale'
  | 'skip_slowlog'
  | 'fast'
  | 'no_auth'
  | 'no_multi'
  | 'allow_busy'
  | 'no_async_loading'
  | 'movablekeys';

export type CommandGroup =
  | 'generic'
  | 'string'
  | 'hash'
  | 'list'
  | 'set'
  | 'sorted-set'
  | 'pubsub'
  | 'transactions'
  | 'connection'
  | 'server';

/**
 * One command (or subcommand: `config|get`) as Redis describes it. Arity
 * follows Redis: positive is the exact argument count with the name, negative
 * the minimum. Keys are at firstKey, firstKey+step... up to lastKey (-1 = the
 * last argument, -2 the one before); 0 means no keys at fixed positions.
 */
export interface CommandSpec {
  /** Lower case; `container|sub` for subcommands. */
  readonly name: string;
  readonly arity: number;
  readonly flags: ReadonlySet<CommandFlag>;
  readonly firstKey: number;
  readonly lastKey: number;
  readonly step: number;
  readonly group: CommandGroup;
  readonly since: string;
  readonly summary: string;
  /** Cached flag tests for the per-command path. */
  readonly isWrite: boolean;
  readonly noAuth: boolean;
  /** Upper-case subcommand name → spec. */
  readonly subcommands: ReadonlyMap<string, CommandSpec>;
}

/** Whether `argc` arguments (the name included) suit the arity. */
export function arityAccepts(arity: number, argc: number): boolean {
  return arity >= 0 ? argc === arity : argc >= -arity;
}
