import { inject, injectable } from 'tsyringe';
import { WeirServer } from '@weir/core';
import {
  ERR_NOMOTD,
  RPL_CREATED,
  RPL_ENDOFMOTD,
  RPL_ISUPPORT,
  RPL_LUSERCHANNELS,
  RPL_LUSERCLIENT,
  RPL_LUSERME,
  RPL_LUSEROP,
  RPL_LUSERUNKNOWN,
  RPL_MOTD,
  RPL_MOTDSTART,
  RPL_MYINFO,
  RPL_WELCOME,
  RPL_YOURHOST,
  type IrcMessage,
} from '@weir/codecs';
import { CHANNEL_DIRECTORY, type ChannelDirectory } from '../directory/channel-directory';
import type { ChatUser } from '../model/chat-user';
import { CHAT_SETTINGS, type ChatSettings } from '../settings/chat-settings';
import { isupportLines, isupportTokens } from './isupport';
import { ServerReplies } from './server-replies';

/** What the server says about itself: the welcome burst, LUSERS and the MOTD. */
@injectable()
export class ServerInfo {
  private readonly isupport: string[][];

  constructor(
    @inject(CHAT_SETTINGS) private readonly settings: ChatSettings,
    @inject(CHANNEL_DIRECTORY) private readonly directory: ChannelDirectory,
    @inject(WeirServer) private readonly server: WeirServer<unknown, unknown>,
    private readonly replies: ServerReplies,
  ) {
    this.isupport = isupportLines(isupportTokens(settings));
  }

  /** 001–005, LUSERS and MOTD: everything a client expects right after registering. */
  welcome(user: ChatUser): IrcMessage[] {
    const { serverName, network, version, createdAt } = this.settings;
    return [
      this.replies.numeric(user, RPL_WELCOME, `Welcome to the ${network} Network, ${user.mask}`),
      this.replies.numeric(user, RPL_YOURHOST, `Your host is ${serverName}, running version ${version}`),
      this.replies.numeric(user, RPL_CREATED, `This server was created ${createdAt.toUTCString()}`),
      this.replies.numeric(user, RPL_MYINFO, serverName, version, 'i', 'biklmnostv', 'bklov'),
      ...this.isupport.map((tokens) => this.replies.numeric(user, RPL_ISUPPORT, ...tokens, 'are supported by this server')),
      ...this.lusers(user),
      ...this.motd(user),
    ];
  }

  lusers(user: ChatUser): IrcMessage[] {
    let registered = 0;
    let invisible = 0;
    for (const other of this.directory.users()) {
      if (!other.registered) continue;
      registered++;
      if (other.invisible) invisible++;
    }
    const unknown = Math.max(0, this.server.connectionCount - registered);
    return [
      this.replies.numeric(user, RPL_LUSERCLIENT, `There are ${registered - invisible} users and ${invisible} invisible on 1 servers`),
      this.replies.numeric(user, RPL_LUSEROP, '0', 'operator(s) online'),
      this.replies.numeric(user, RPL_LUSERUNKNOWN, String(unknown), 'unknown connection(s)'),
      this.replies.numeric(user, RPL_LUSERCHANNELS, String(this.directory.channelCount), 'channels formed'),
      this.replies.numeric(user, RPL_LUSERME, `I have ${registered} clients and 0 servers`),
    ];
  }

  motd(user: ChatUser): IrcMessage[] {
    const lines = this.settings.motd;
    if (lines === undefined) return [this.replies.numeric(user, ERR_NOMOTD, 'MOTD File is missing')];
    return [
      this.replies.numeric(user, RPL_MOTDSTART, `- ${this.settings.serverName} Message of the day - `),
      ...lines.map((line) => this.replies.numeric(user, RPL_MOTD, `- ${line}`)),
      this.replies.numeric(user, RPL_ENDOFMOTD, 'End of /MOTD command.'),
    ];
  }
}
