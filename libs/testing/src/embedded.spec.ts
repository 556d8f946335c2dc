import { injectable } from 'tsyringe';
import { ProtocolError, linesCodec } from '@weir/codecs';
import { Frame, Handle, Plugin, WeirServer, type AnyConnection, type CloseReason, type MessageContext, type Middleware } from '@weir/core';
import { EmbeddedService } from './embedded';

@injectable()
class Nick {
  name = 'guest';
}

const disconnects: string[] = [];

@Plugin()
class Chat {
  constructor(private readonly server: WeirServer<string, string>) {}

  @Handle('nick')
  nick(line: string, context: MessageContext<string, string>): string {
    context.get(Nick).name = line.split(' ')[1] ?? '';
    return `you are ${context.get(Nick).name}`;
  }

  @Handle('say')
  say(line: string, context: MessageContext<string, string>): void {
    const frame = this.server.frame(`${context.get(Nick).name}: ${line.slice(4)}`);
    for (const member of this.server.connections()) if (member !== context.connection) member.send(frame);
  }

  @Handle('slow')
  async slow(line: string): Promise<string> {
    await Promise.resolve();
    return `slow ${line.split(' ')[1]}`;
  }

  @Handle('fast')
  fast(line: string): string {
    return `fast ${line.split(' ')[1]}`;
  }

  @Handle('quit')
  quit(_line: string, context: MessageContext<string, string>): void {
    context.connection.close({ kind: 'closed', detail: 'QUIT' }, 'bye');
  }

  onDisconnect(connection: AnyConnection, reason: CloseReason): void {
    disconnects.push(`${connection.id} ${reason.kind}`);
  }
}

/** Upper-cases every reply, to show middleware runs in the harness too. */
const shouting: Middleware<string, string> = (next) => (message, context) => {
  const reply = next(message, context);
  return typeof reply === 'string' ? reply.toUpperCase() : reply;
};

const options = {
  codec: linesCodec(),
  plugins: [Chat],
  route: (line: string) => line.split(' ')[0] ?? '',
  connectionScoped: [Nick],
  replies: {
    protocolError: (error: ProtocolError) => `ERR ${error.code}`,
    unknownRoute: (line: string) => `ERR unknown ${line}`,
  },
};

describe('EmbeddedService', () => {
  let service: EmbeddedService<string, string>;
  beforeEach(async () => {
    disconnects.length = 0;
    service = await EmbeddedService.create(options);
  });
  afterEach(() => service.close());

  it('answers synchronous handlers at once, without a socket', () => {
    const peer = service.connect();
    expect(peer.send('nick ann').replies()).toEqual(['you are ann']);
    expect(peer.send('dance').replies()).toEqual(['ERR unknown dance']);
    expect(service.server.address()).toBeUndefined();
  });

  it('gives async replies after settle(), in message order', async () => {
    const peer = service.connect();
    peer.send('slow 1', 'fast 2');
    expect(peer.replies()).toEqual([]);
    expect(await peer.settle()).toEqual(['slow 1', 'fast 2']);
  });

  it('keeps connection state apart, and hands broadcasts over as Frames', () => {
    const ann = service.connect();
    const bob = service.connect('127.0.0.2', 40001);
    ann.send('nick ann');
    bob.send('nick bob');
    ann.replies();
    bob.replies();
    ann.send('say hi');
    const [frame] = bob.replies();
    expect(frame).toBeInstanceOf(Frame);
    expect((frame as Frame).bytes).toBe('ann: hi\n');
    expect(ann.replies()).toEqual([]);
    expect(bob.connection.remoteAddress).toBe('127.0.0.2');
  });

  it('runs middleware', async () => {
    const loud = await EmbeddedService.create({ ...options, middleware: [shouting] });
    try {
      expect(loud.connect().send('nick ann').replies()).toEqual(['YOU ARE ANN']);
    } finally {
      await loud.close();
    }
  });

  it('answers protocol errors: a non-fatal one in place, a fatal one and then the end', () => {
    const peer = service.connect();
    peer.send('fast 1', new ProtocolError('bad line', 'BAD_LINE', false), 'fast 2');
    expect(peer.replies()).toEqual(['fast 1', 'ERR BAD_LINE', 'fast 2']);
    expect(peer.ended).toBe(false);
    peer.fail(new ProtocolError('too long', 'FRAME_TOO_LONG'));
    expect(peer.replies()).toEqual(['ERR FRAME_TOO_LONG']);
    expect(peer.ended).toBe(true);
  });

  it('ends a connection a handler closes, after its farewell, and runs onDisconnect', async () => {
    const peer = service.connect();
    peer.send('quit', 'fast 3');
    expect(peer.replies()).toEqual(['bye']);
    expect(peer.ended).toBe(true);
    await peer.settle();
    expect(disconnects).toEqual([`${peer.connection.id} closed`]);
    expect(service.server.stats().liveContainers).toBe(0);
  });

  it('holds messages past the in-flight limit and answers them all, in order', async () => {
    const tight = await EmbeddedService.create({ ...options, backpressure: { maxInFlight: 2 } });
    try {
      const peer = tight.connect();
      peer.send('slow 1', 'slow 2', 'slow 3', 'fast 4');
      peer.send('slow 5', 'fast 6');
      expect(peer.connection.isPaused).toBe(true);
      expect(await peer.settle()).toEqual(['slow 1', 'slow 2', 'slow 3', 'fast 4', 'slow 5', 'fast 6']);
      expect(peer.connection.isPaused).toBe(false);
    } finally {
      await tight.close();
    }
  });

  it('ends every connection on close()', async () => {
    const peers = [service.connect(), service.connect()];
    await service.close();
    for (const peer of peers) expect(peer.ended).toBe(true);
    expect(disconnects.map((d) => d.split(' ')[1])).toEqual(['server-close', 'server-close']);
  });
});
