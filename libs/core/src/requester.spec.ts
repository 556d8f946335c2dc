import { jsonLinesCodec, linesCodec, type Codec } from '@weir/codecs';
import { connect } from './client';
import type { Connection } from './connection';
import { deferred, listen, until } from './testing/harness';
import type { MessageContext } from './message-context';
import { Handle, Plugin } from './plugin';
import { Requester } from './requester';

interface Call {
  id: number;
  delayed?: boolean;
  value: string;
}

let held: Array<{ call: Call; gate: ReturnType<typeof deferred<void>> }>;

/** Answers delayed calls later, outside the reply order, as JSON-RPC servers may. */
@Plugin()
class Rpc {
  @Handle('message')
  call(call: Call, context: MessageContext<Call, Call>): Call | void {
    const result = { id: call.id, value: call.value.toUpperCase() };
    if (!call.delayed) return result;
    const gate = deferred<void>();
    held.push({ call, gate });
    void gate.promise.then(() => context.connection.send(result));
  }
}

@Plugin()
class Upper {
  @Handle('message')
  upper(line: string): string | void {
    if (line === 'hang') return;
    return line.toUpperCase();
  }
}

describe('Requester', () => {
  const connections: Connection<unknown, unknown>[] = [];
  beforeEach(() => (held = []));
  afterEach(() => {
    for (const c of connections.splice(0)) c.destroy({ kind: 'closed' });
  });

  it('matches replies to requests by order', async () => {
    const { server, port } = await listen({ codec: linesCodec(), plugins: [Upper] });
    const connection = await connect({ port, codec: linesCodec() });
    connections.push(connection as Connection<unknown, unknown>);
    const requester = new Requester(connection);
    const replies = await Promise.all(['a', 'b', 'c'].map((m) => requester.request(m)));
    expect(replies).toEqual(['A', 'B', 'C']);
    expect(requester.pending).toBe(0);
    await server.close(500);
  });

  it('matches replies to requests by id when they come back out of order', async () => {
    const codec = jsonLinesCodec<Call>();
    const { server, port } = await listen({ codec, plugins: [Rpc] });
    const connection = await connect({ port, codec: codec as unknown as Codec<Call, Call> });
    connections.push(connection as Connection<unknown, unknown>);
    const requester = new Requester(connection, { by: 'id', idOf: (reply) => reply.id });
    let firstSettled = false;
    const first = requester.request({ id: 7, value: 'seven', delayed: true }, 7).finally(() => (firstSettled = true));
    const second = requester.request({ id: 8, value: 'eight', delayed: true }, 8);
    await until(() => held.length === 2, 'both calls held');
    held[1].gate.resolve();
    expect(await second).toEqual({ id: 8, value: 'EIGHT' });
    expect(firstSettled).toBe(false);
    expect(requester.pending).toBe(1);
    held[0].gate.resolve();
    expect(await first).toEqual({ id: 7, value: 'SEVEN' });
    const one = requester.request({ id: 1, value: 'x' }, 1);
    await expect(requester.request({ id: 1, value: 'y' }, 1)).rejects.toThrow('a request with id 1 is already pending');
    expect(await one).toEqual({ id: 1, value: 'X' });
    await server.close(500);
  });

  it('rejects pending requests when the connection closes, and new ones after', async () => {
    const { server, port } = await listen({ codec: linesCodec(), plugins: [Upper] });
    const connection = await connect({ port, codec: linesCodec() });
    const requester = new Requester(connection);
    const pending = requester.request('hang');
    await until(() => server.stats().connections === 1, 'server to see the connection');
    const closing = server.close(100);
    await expect(pending).rejects.toThrow('connection ended with requests pending');
    await closing;
    await until(() => connection.isClosed, 'client to close');
    await expect(requester.request('late')).rejects.toThrow('connection is closed');
    expect(requester.pending).toBe(0);
  });
});
