import { concat, of, Subject, throwError, type Observable } from 'rxjs';
import { linesCodec } from '@weir/codecs';
import { Handle, Plugin } from './plugin';
import type { ServerOptions } from './server-options';
import { collectingClient, deferred, listen, nextEvent, until, type CollectingClient, type Listening } from './testing/harness';

// Handlers the spec finishes by hand, keyed by the word after the command.
let gates: Map<string, ReturnType<typeof deferred<string>>>;
let streams: Map<string, Subject<string>>;

const argument = (line: string) => line.split(' ')[1] ?? '';

@Plugin()
class Work {
  @Handle('throw')
  throws(): string {
    throw new Error('boom');
  }

  @Handle('reject')
  rejects(): Promise<string> {
    return Promise.reject(new Error('nope'));
  }

  @Handle('broken')
  broken(): Observable<string> {
    return concat(of('partial'), throwError(() => new Error('stream broke')));
  }

  @Handle('wait')
  wait(line: string): Promise<string> {
    const gate = deferred<string>();
    gates.set(argument(line), gate);
    return gate.promise;
  }

  @Handle('stream')
  stream(line: string): Observable<string> {
    const subject = new Subject<string>();
    streams.set(argument(line), subject);
    return subject;
  }

  @Handle('burst')
  burst(line: string): Observable<string> {
    return of(`${argument(line)}.1`, `${argument(line)}.2`, `${argument(line)}.3`);
  }

  @Handle('now')
  now(line: string): string {
    return `now ${argument(line)}`;
  }

  @Handle('silent')
  silent(): void {
    // Answers nothing: the slot must still complete so later replies are not held back.
  }
}

const options: ServerOptions<string, string> = {
  codec: linesCodec(),
  plugins: [Work],
  route: (line) => line.split(' ')[0] ?? '',
  replies: {
    handlerError: (error) => `ERR ${error instanceof Error ? error.message : String(error)}`,
    unknownRoute: (line) => `ERR unknown '${line}'`,
  },
};

describe('pipeline: handler results, errors and reply order', () => {
  let running: Listening<string, string>;
  const clients: CollectingClient<string, string>[] = [];
  const client = async () => {
    const made = await collectingClient(running.port, linesCodec());
    clients.push(made);
    return made;
  };

  beforeEach(async () => {
    gates = new Map();
    streams = new Map();
    running = await listen(options);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.destroy()));
    await running.server.close(500);
  });

  it.each([
    ['throw', 'ERR boom'],
    ['reject', 'ERR nope'],
  ])('answers a handler that fails (%s) with replies.handlerError and keeps the connection open', async (command, reply) => {
    const c = await client();
    const failed = nextEvent(running.server, 'handler-error');
    c.connection.send(command);
    c.connection.send('now after');
    expect(await c.waitFor(2)).toEqual([reply, 'now after']);
    expect((await failed).route).toBe(command);
    expect(c.connection.isOpen).toBe(true);
    expect(running.server.stats().connections).toBe(1);
  });

  it('keeps the replies an Observable gave before it errored, then the error reply', async () => {
    const c = await client();
    c.connection.send('broken');
    c.connection.send('now after');
    expect(await c.waitFor(3)).toEqual(['partial', 'ERR stream broke', 'now after']);
    expect(c.connection.isOpen).toBe(true);
  });

  it('sends nothing for a failure when the protocol has no handlerError reply', async () => {
    const quiet = await listen({ ...options, replies: {} });
    const c = await collectingClient(quiet.port, linesCodec());
    try {
      c.connection.send('throw');
      c.connection.send('now 1');
      expect(await c.waitFor(1)).toEqual(['now 1']);
    } finally {
      await c.destroy();
      await quiet.server.close(500);
    }
  });

  it('survives a handlerError reply function that itself throws', async () => {
    const fragile = await listen({
      ...options,
      replies: {
        handlerError: () => {
          throw new Error('reply builder broke');
        },
      },
    });
    const c = await collectingClient(fragile.port, linesCodec());
    try {
      c.connection.send('reject');
      c.connection.send('now 2');
      expect(await c.waitFor(1)).toEqual(['now 2']);
      expect(c.connection.isOpen).toBe(true);
    } finally {
      await c.destroy();
      await fragile.server.close(500);
    }
  });

  it('answers unknown routes with replies.unknownRoute', async () => {
    const c = await client();
    c.connection.send('dance now');
    expect(await c.waitFor(1)).toEqual(["ERR unknown 'dance now'"]);
  });

  it('replies in message order when async handlers finish out of order', async () => {
    const c = await client();
    c.connection.send('wait 1');
    c.connection.send('wait 2');
    c.connection.send('wait 3');
    c.connection.send('now 4');
    c.connection.send('silent');
    c.connection.send('now 5');
    // All three run at once: the connection does not handle them one by one.
    await until(() => gates.size === 3, 'three handlers running');
    gates.get('3')?.resolve('done 3');
    gates.get('2')?.resolve('done 2');
    // Had 2 or 3 been written when they finished, they would arrive before 1.
    gates.get('1')?.resolve('done 1');
    expect(await c.waitFor(5)).toEqual(['done 1', 'done 2', 'done 3', 'now 4', 'now 5']);
  });

  it('keeps every reply of an Observable together, ahead of later messages', async () => {
    const c = await client();
    c.connection.send('stream a');
    c.connection.send('burst b');
    c.connection.send('now c');
    await until(() => streams.has('a'), 'stream handler running');
    const a = streams.get('a') as Subject<string>;
    a.next('a.1');
    a.next('a.2');
    await c.waitFor(2);
    a.next('a.3');
    a.complete();
    expect(await c.waitFor(7)).toEqual(['a.1', 'a.2', 'a.3', 'b.1', 'b.2', 'b.3', 'now c']);
  });

  it('does not make one connection wait for another', async () => {
    const slow = await client();
    const fast = await client();
    slow.connection.send('wait s');
    await until(() => gates.has('s'), 'slow handler running');
    fast.connection.send('now f');
    expect(await fast.waitFor(1)).toEqual(['now f']);
    expect(slow.received).toEqual([]);
    gates.get('s')?.resolve('done s');
    expect(await slow.waitFor(1)).toEqual(['done s']);
  });

  it('stops an endless Observable handler once its peer has gone', async () => {
    // The peer's FIN looks like a half-close: the server owes the stream's
    // replies, but must not wait for an endless stream past the grace period.
    const short = await listen({ ...options, shutdownGraceMs: 200 });
    const c = await collectingClient(short.port, linesCodec());
    try {
      c.connection.send('stream z');
      await until(() => streams.has('z'), 'stream handler running');
      const subject = streams.get('z') as Subject<string>;
      expect(subject.observed).toBe(true);
      const closed = nextEvent(short.server, 'connection-close');
      await c.destroy();
      expect((await closed).reason.kind).toBe('peer-end');
      expect(subject.observed).toBe(false);
      expect(short.server.stats().liveContainers).toBe(0);
    } finally {
      await short.server.close(500);
    }
  });
});
