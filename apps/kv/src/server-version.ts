/** The Redis version kv reports (HELLO, INFO): the command set and replies follow Redis 7.2. */
export const SERVER_VERSION = '7.2.0';
