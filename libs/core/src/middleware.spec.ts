import { linesCodec } from '@weir/codecs';
import { composeMiddleware, type Handler, type Middleware } from './handler';
import type { MessageContext } from './message-context';
import { Handle, Plugin } from './plugin';
import type { ServerOptions } from './server-options';
import { collectingClient, listen } from './testing/harness';
import { container as globalContainer } from 'tsyringe';

let trace: string[];

/** Logs around the handler and wraps its (synchronous) reply, so order shows in both directions. */
const wrapping =
  (name: string, open: string, close: string): Middleware<string, string> =>
  (next) =>
  (message, context) => {
    trace.push(`${name} in`);
    const reply = next(message, context);
    trace.push(`${name} out`);
    return `${open}${String(reply)}${close}`;
  };

class AuthState {
  user: string | undefined;
}

/** An auth gate: short-circuits every message but AUTH until the connection has logged in. */
const authGate: Middleware<string, string> = (next) => (message, context) => {
  if (context.route === 'auth' || context.get(AuthState).user) return next(message, context);
  return 'ERR auth required';
};

@Plugin()
class Guarded {
  @Handle('auth')
  auth(line: string, context: MessageContext<string, string>): string {
    context.get(AuthState).user = line.split(' ')[1];
    return 'ok';
  }

  @Handle('secret')
  secret(_line: string, context: MessageContext<string, string>): string {
    trace.push('handler');
    return `secret for ${context.get(AuthState).user}`;
  }
}

const base: ServerOptions<string, string> = {
  codec: linesCodec(),
  plugins: [Guarded],
  route: (line) => line.split(' ')[0] ?? '',
  connectionScoped: [AuthState],
};

beforeEach(() => (trace = []));

describe('composeMiddleware', () => {
  it('makes the first middleware the outermost', () => {
    const inner: Handler<string, string> = (message) => {
      trace.push('handler');
      return message;
    };
    const handler = composeMiddleware([wrapping('first', '[', ']'), wrapping('second', '(', ')')], inner, globalContainer);
    expect(handler('x', {} as MessageContext<string, string>)).toBe('[(x)]');
    expect(trace).toEqual(['first in', 'second in', 'handler', 'second out', 'first out']);
  });

  it('is the handler itself with no middleware', () => {
    const inner: Handler<string, string> = (message) => message;
    expect(composeMiddleware([], inner, globalContainer)).toBe(inner);
  });
});

describe('middleware on a server', () => {
  it('runs middleware in the declared order around the plugin handler', async () => {
    const { server, port } = await listen({ ...base, middleware: [wrapping('outer', '<', '>'), wrapping('inner', '{', '}'), authGate] });
    const client = await collectingClient(port, linesCodec());
    client.connection.send('auth ann');
    client.connection.send('secret');
    expect(await client.waitFor(2)).toEqual(['<{ok}>', '<{secret for ann}>']);
    expect(trace.slice(-5)).toEqual(['outer in', 'inner in', 'handler', 'inner out', 'outer out']);
    await client.destroy();
    await server.close(500);
  });

  it('lets a gate answer without calling the handler, per connection', async () => {
    const { server, port } = await listen({ ...base, middleware: [authGate] });
    const anonymous = await collectingClient(port, linesCodec());
    const member = await collectingClient(port, linesCodec());
    member.connection.send('auth bo');
    await member.waitFor(1);
    anonymous.connection.send('secret');
    member.connection.send('secret');
    expect(await anonymous.waitFor(1)).toEqual(['ERR auth required']);
    expect((await member.waitFor(2))[1]).toBe('secret for bo');
    // Only the member's request reached the handler.
    expect(trace).toEqual(['handler']);
    await Promise.all([anonymous.destroy(), member.destroy()]);
    await server.close(500);
  });

  it('builds each middleware once per server, with the server root container', async () => {
    const roots: unknown[] = [];
    const counting: Middleware<string, string> = (next, root) => {
      roots.push(root);
      return next;
    };
    const { server } = await listen({ ...base, middleware: [counting] });
    expect(roots).toEqual([server.container]);
    await server.close(500);
  });
});
