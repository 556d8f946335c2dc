// Numeric replies a server sends, named as modern.ircdocs.horse names them.
// Each comment gives the params per those docs; `<client>` is the nick the
// reply goes to (`*` before registration). Text after the last `:` is a human
// string servers commonly reword.

/** `<client> :Welcome to the <networkname> Network, <nick>[!<user>@<host>]` — First reply after registration. */
export const RPL_WELCOME = '001';
/** `<client> :Your host is <servername>, running version <version>` */
export const RPL_YOURHOST = '002';
/** `<client> :This server was created <datetime>` */
export const RPL_CREATED = '003';
/**
 * `<client> <servername> <version> <available user modes> <available channel modes>
 * [<channel modes with a parameter>]`
 */
export const RPL_MYINFO = '004';
/** `<client> <1-13 tokens> :are supported by this server` — Send at least one after registration. */
export const RPL_ISUPPORT = '005';
/** `<client> <user modes>` */
export const RPL_UMODEIS = '221';
/** `<client> :There are <u> users and <i> invisible on <s> servers` */
export const RPL_LUSERCLIENT = '251';
/** `<client> <ops> :operator(s) online` */
export const RPL_LUSEROP = '252';
/** `<client> <connections> :unknown connection(s)` */
export const RPL_LUSERUNKNOWN = '253';
/** `<client> <channels> :channels formed` */
export const RPL_LUSERCHANNELS = '254';
/** `<client> :I have <c> clients and <s> servers` */
export const RPL_LUSERME = '255';
/** `<client> <nick> :<message>` */
export const RPL_AWAY = '301';
/** `<client> :[<reply>{ <reply>}]` — Each reply is `nick[*]=(+|-)host`. */
export const RPL_USERHOST = '302';
/** `<client> :[<nick>{ <nick>}]` */
export const RPL_ISON = '303';
/** `<client> :You are no longer marked as being away` */
export const RPL_UNAWAY = '305';
/** `<client> :You have been marked as being away` */
export const RPL_NOWAWAY = '306';
/** `<client> <nick> <username> <host> * :<realname>` */
export const RPL_WHOISUSER = '311';
/** `<client> <nick> <server> :<server info>` */
export const RPL_WHOISSERVER = '312';
/** `<client> <mask> :End of WHO list` */
export const RPL_ENDOFWHO = '315';
/** `<client> <nick> <secs> <signon> :seconds idle, signon time` */
export const RPL_WHOISIDLE = '317';
/** `<client> <nick> :End of /WHOIS list` */
export const RPL_ENDOFWHOIS = '318';
/** `<client> <nick> :[prefix]<channel>{ [prefix]<channel>}` */
export const RPL_WHOISCHANNELS = '319';
/** `<client> Channel :Users  Name` */
export const RPL_LISTSTART = '321';
/** `<client> <channel> <client count> :<topic>` */
export const RPL_LIST = '322';
/** `<client> :End of /LIST` */
export const RPL_LISTEND = '323';
/** `<client> <channel> <modestring> <mode arguments>...` */
export const RPL_CHANNELMODEIS = '324';
/** `<client> <channel> <creationtime>` */
export const RPL_CREATIONTIME = '329';
/** `<client> <channel> :No topic is set` */
export const RPL_NOTOPIC = '331';
/** `<client> <channel> :<topic>` */
export const RPL_TOPIC = '332';
/** `<client> <channel> <nick> <setat>` */
export const RPL_TOPICWHOTIME = '333';
/** `<client> <nick> <channel>` */
export const RPL_INVITING = '341';
/** `<client> <channel> <username> <host> <server> <nick> <flags> :<hopcount> <realname>` */
export const RPL_WHOREPLY = '352';
/** `<client> <symbol> <channel> :[prefix]<nick>{ [prefix]<nick>}` — Symbol `=` public, `@` secret, `*` private. */
export const RPL_NAMREPLY = '353';
/** `<client> <channel> :End of /NAMES list` */
export const RPL_ENDOFNAMES = '366';
/** `<client> <channel> <mask> [<who> <set-ts>]` */
export const RPL_BANLIST = '367';
/** `<client> <channel> :End of channel ban list` */
export const RPL_ENDOFBANLIST = '368';
/** `<client> :<line of the motd>` */
export const RPL_MOTD = '372';
/** `<client> :- <server> Message of the day - ` */
export const RPL_MOTDSTART = '375';
/** `<client> :End of /MOTD command.` */
export const RPL_ENDOFMOTD = '376';
/** `<client> <nickname> :No such nick/channel` */
export const ERR_NOSUCHNICK = '401';
/** `<client> <channel> :No such channel` */
export const ERR_NOSUCHCHANNEL = '403';
/** `<client> <channel> :Cannot send to channel` */
export const ERR_CANNOTSENDTOCHAN = '404';
/** `<client> <channel> :You have joined too many channels` */
export const ERR_TOOMANYCHANNELS = '405';
/** `<client> :No recipient given (<command>)` */
export const ERR_NORECIPIENT = '411';
/** `<client> :No text to send` */
export const ERR_NOTEXTTOSEND = '412';
/** `<client> :Input line was too long` — Answers a line over 512 bytes (the decoder's INPUT_TOO_LONG). */
export const ERR_INPUTTOOLONG = '417';
/** `<client> <command> :Unknown command` */
export const ERR_UNKNOWNCOMMAND = '421';
/** `<client> :MOTD File is missing` */
export const ERR_NOMOTD = '422';
/** `<client> :No nickname given` */
export const ERR_NONICKNAMEGIVEN = '431';
/** `<client> <nick> :Erroneus nickname` — The misspelling is the protocol's own. */
export const ERR_ERRONEUSNICKNAME = '432';
/** `<client> <nick> :Nickname is already in use` */
export const ERR_NICKNAMEINUSE = '433';
/** `<client> <nick> <channel> :They aren't on that channel` */
export const ERR_USERNOTINCHANNEL = '441';
/** `<client> <channel> :You're not on that channel` */
export const ERR_NOTONCHANNEL = '442';
/** `<client> <nick> <channel> :is already on channel` */
export const ERR_USERONCHANNEL = '443';
/** `<client> :You have not registered` */
export const ERR_NOTREGISTERED = '451';
/** `<client> <command> :Not enough parameters` */
export const ERR_NEEDMOREPARAMS = '461';
/** `<client> :You may not reregister` */
export const ERR_ALREADYREGISTERED = '462';
/** `<client> :Password incorrect` */
export const ERR_PASSWDMISMATCH = '464';
/** `<client> <channel> :Cannot join channel (+l)` */
export const ERR_CHANNELISFULL = '471';
/** `<client> <modechar> :is unknown mode char to me` */
export const ERR_UNKNOWNMODE = '472';
/** `<client> <channel> :Cannot join channel (+i)` */
export const ERR_INVITEONLYCHAN = '473';
/** `<client> <channel> :Cannot join channel (+b)` */
export const ERR_BANNEDFROMCHAN = '474';
/** `<client> <channel> :Cannot join channel (+k)` */
export const ERR_BADCHANNELKEY = '475';
/** `<channel> :Bad Channel Mask` — No `<client>` first: the docs list it so. */
export const ERR_BADCHANMASK = '476';
/** `<client> <channel> :You're not channel operator` */
export const ERR_CHANOPRIVSNEEDED = '482';
/** `<client> :Unknown MODE flag` */
export const ERR_UMODEUNKNOWNFLAG = '501';
/** `<client> :Cant change mode for other users` */
export const ERR_USERSDONTMATCH = '502';
/** `<client> <target chan/user> <mode char> <parameter> :<description>` */
export const ERR_INVALIDMODEPARAM = '696';
