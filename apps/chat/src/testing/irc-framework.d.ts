// The parts of irc-framework (a real IRC client library, plain JavaScript) the tests use.
declare module 'irc-framework' {
  import { EventEmitter } from 'node:events';

  export interface ClientOptions {
    host: string;
    port: number;
    nick: string;
    username?: string;
    gecos?: string;
    password?: string;
    auto_reconnect?: boolean;
    ping_interval?: number;
    ping_timeout?: number;
    encoding?: string;
  }

  export interface WhoisEvent {
    nick: string;
    ident?: string;
    hostname?: string;
    real_name?: string;
    channels?: string;
    server?: string;
    server_info?: string;
    idle?: string;
    logon?: string;
    away?: string;
    error?: string;
  }

  export interface WhoUser {
    nick: string;
    ident: string;
    hostname: string;
    server: string;
    real_name: string;
    away: boolean;
    channel: string;
    channel_modes: string[];
  }

  export class Client extends EventEmitter {
    constructor(options?: Partial<ClientOptions>);
    user: { nick: string; modes: Set<string> };
    network: { name: string; options: Record<string, unknown>; cap: { enabled: string[] } };
    connected: boolean;
    connect(options?: ClientOptions): void;
    raw(...args: string[]): void;
    quit(message?: string): void;
    join(channel: string, key?: string): void;
    part(channel: string, message?: string): void;
    say(target: string, message: string): void;
    notice(target: string, message: string): void;
    changeNick(nick: string): void;
    setTopic(channel: string, topic: string): void;
    whois(nick: string, cb?: (event: WhoisEvent) => void): void;
    who(target: string, cb?: (event: { target: string; users: WhoUser[] }) => void): void;
    mode(target: string, mode: string, extra?: string | string[]): void;
    invite(channel: string, nick: string): void;
    list(...params: string[]): void;
  }
}
