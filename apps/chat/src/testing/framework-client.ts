import { Client, type ClientOptions } from 'irc-framework';

/** An irc-framework client, connected and registered (resolves on `registered`). */
export function frameworkClient(port: number, nick: string, options: Partial<ClientOptions> = {}): Promise<Client> {
  const client = new Client();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${nick} did not register`)), 5000);
    client.once('registered', () => {
      clearTimeout(timer);
      resolve(client);
    });
    client.once('close', () => reject(new Error(`${nick}: connection closed before registering`)));
    client.connect({ host: '127.0.0.1', port, nick, username: nick.toLowerCase(), gecos: `${nick} real`, auto_reconnect: false, ...options });
  });
}

/** The next `event` on `client` whose payload passes `match`. */
export function nextEvent<T = Record<string, unknown>>(client: Client, event: string, match: (payload: T) => boolean = () => true, timeoutMs = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, listener);
      reject(new Error(`no '${event}' event within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: T) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      client.off(event, listener);
      resolve(payload);
    };
    client.on(event, listener);
  });
}

/** QUIT and wait for the socket to close. */
export function quitClient(client: Client, message = 'bye'): Promise<void> {
  return new Promise((resolve) => {
    if (!client.connected) return resolve();
    client.once('close', () => resolve());
    client.quit(message);
  });
}
