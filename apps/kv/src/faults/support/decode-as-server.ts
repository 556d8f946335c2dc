import { ProtocolError, respServerCodec, type RespCommand } from '@weir/codecs';

export interface ServerReading {
  /** The commands the server decodes from these bytes, in order, up to the first fatal error. */
  readonly commands: RespCommand[];
  /** The fatal protocol error the bytes end in, if they do. */
  readonly fatal: ProtocolError | undefined;
}

/**
 * What kv's own decoder makes of a byte stream, read by a fresh decoder in one
 * piece: the oracle the garbage test holds the server's replies against. Any
 * split of the same bytes decodes alike (the commands ahead of a fatal error
 * come back with it), so the server reads the same however TCP cut them.
 */
export function decodeAsServer(bytes: Buffer, maxBulkLength?: number): ServerReading {
  const decoder = respServerCodec({ maxBulkLength }).createDecoder();
  let items;
  try {
    items = decoder.decode(bytes);
  } catch (error) {
    if (error instanceof ProtocolError) return { commands: [], fatal: error };
    throw error;
  }
  const last = items.at(-1);
  const fatal = last instanceof ProtocolError && last.fatal ? last : undefined;
  return { commands: items.filter((item): item is RespCommand => !(item instanceof ProtocolError)), fatal };
}

/** A command's name as kv matches it: case-insensitive. */
export const commandName = (command: RespCommand): string => command[0]?.toString('latin1').toUpperCase() ?? '';
