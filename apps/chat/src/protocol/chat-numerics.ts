// Numerics this server sends that @weir/codecs' IRC numerics do not list yet,
// named and shaped as modern.ircdocs.horse and the IRCv3 CAP spec give them.

/** `<client> :No origin specified` — PING without a token. */
export const ERR_NOORIGIN = '409';
/** `<client> <command> :Invalid CAP command` — IRCv3 capability negotiation. */
export const ERR_INVALIDCAPCMD = '410';
/** `<client> <channel> <char> :Channel list is full` — a +b past MAXLIST. */
export const ERR_BANLISTFULL = '478';
