import { jsonLinesCodec, lengthPrefixedCodec, linesCodec, ProtocolError, type Codec } from '@weir/codecs';
import { connect } from './client';
import { Frame } from './frame';
import { Handle, Plugin } from './plugin';
import { listen, nextEvent, RawPeer, recordingCodec, until, type Listening } from './testing/harness';

@Plugin()
class Echo {
  @Handle('message')
  echo(line: string): string {
    return `echo:${line}`;
  }
}

const protocolReplies = { protocolError: (error: ProtocolError) => `ERR ${error.code}` };

describe('framing over a real socket', () => {
  let running: Listening<string, string> | undefined;
  const peers: RawPeer[] = [];
  afterEach(async () => {
    await Promise.all(peers.splice(0).map((peer) => peer.destroy()));
    await running?.server.close(500);
    running = undefined;
  });
  const peer = async (port: number, read = true) => {
    const opened = await RawPeer.open(port, { read });
    peers.push(opened);
    return opened;
  };

  it('joins a message split across several reads', async () => {
    const codec = recordingCodec(linesCodec());
    running = await listen({ codec, plugins: [Echo] });
    const client = await peer(running.port);
    // Each piece is sent only once the server's decoder has seen the one before,
    // so the split on the wire is the one written here.
    client.write('hel');
    await until(() => codec.chunks.length === 1, 'first chunk');
    client.write('lo\nwor');
    await until(() => codec.chunks.length === 2, 'second chunk');
    client.write('ld\n');
    expect(await client.waitForLines(2)).toEqual(['echo:hello', 'echo:world']);
    expect(codec.chunks.map((c) => c.toString())).toEqual(['hel', 'lo\nwor', 'ld\n']);
  });

  it('answers every message of one read, in order', async () => {
    const codec = recordingCodec(linesCodec());
    running = await listen({ codec, plugins: [Echo] });
    const client = await peer(running.port);
    const sent = Array.from({ length: 200 }, (_, i) => `m${i}`);
    client.write(sent.map((m) => `${m}\n`).join(''));
    expect(await client.waitForLines(200)).toEqual(sent.map((m) => `echo:${m}`));
    // Fewer reads than messages: reads carried several messages each.
    expect(codec.chunks.length).toBeLessThan(sent.length);
  });

  it('replies to an oversized frame, closes that connection and keeps serving the others', async () => {
    running = await listen({ codec: linesCodec(), plugins: [Echo], maxFrameBytes: 16, replies: protocolReplies });
    const bystander = await peer(running.port);
    const offender = await peer(running.port);
    const closed = nextEvent(running.server, 'connection-close', (e) => e.reason.kind === 'protocol-error');
    offender.write(`${'x'.repeat(64)}\n`);
    await offender.ended;
    expect(offender.text).toBe('ERR FRAME_TOO_LONG\n');
    expect((await closed).reason.detail).toMatch(/16 bytes/);

    bystander.write('still here\n');
    expect(await bystander.waitForLines(1)).toEqual(['echo:still here']);
    const newcomer = await peer(running.port);
    newcomer.write(`${'y'.repeat(16)}\n`);
    expect(await newcomer.waitForLines(1)).toEqual([`echo:${'y'.repeat(16)}`]);
  });

  it('lets go of a peer that never closes its side after being closed', async () => {
    running = await listen({ codec: linesCodec(), plugins: [Echo], maxFrameBytes: 8, replies: protocolReplies });
    const stubborn = await RawPeer.open(running.port, { halfOpen: true });
    peers.push(stubborn);
    const closed = nextEvent(running.server, 'connection-close');
    stubborn.write(`${'z'.repeat(40)}\n`);
    await stubborn.ended;
    // The peer keeps its side open; the server must not hold the socket (and
    // its place against maxConnections) for as long as the peer likes.
    expect((await closed).reason.kind).toBe('protocol-error');
    expect(running.server.stats().connections).toBe(0);
  });

  it('refuses a length header over the limit before its payload arrives', async () => {
    const codec = lengthPrefixedCodec();
    const server = await listen<Buffer, Buffer>({
      codec,
      maxFrameBytes: 1024,
      replies: { protocolError: (error) => Buffer.from(error.code) },
    });
    try {
      const client = await RawPeer.open(server.port);
      const header = Buffer.alloc(4);
      header.writeUInt32BE(1_000_000);
      client.write(header);
      await client.ended;
      // The reply is itself a length-prefixed frame: 4-byte length, then the code.
      expect(client.text.slice(4)).toBe('FRAME_TOO_LONG');
      await client.destroy();
    } finally {
      await server.server.close(500);
    }
  });

  it('answers a malformed message in its place and keeps the connection open', async () => {
    @Plugin()
    class Typed {
      @Handle('greet')
      greet(message: { name: string }) {
        return { type: 'greeting', text: `hi ${message.name}` };
      }
    }
    const codec = jsonLinesCodec<{ type: string; name: string }>();
    const server = await listen({
      codec,
      plugins: [Typed],
      route: (message) => message.type,
      replies: {
        protocolError: (error) => ({ type: 'error', code: error.code }),
        unknownRoute: (message) => ({ type: 'error', code: 'UNKNOWN', route: message.type }),
      },
    });
    const client = await connect({ port: server.port, codec: jsonLinesCodec() as Codec<unknown, unknown> });
    try {
      const replies: unknown[] = [];
      client.messages$.subscribe((reply) => replies.push(reply));
      client.send({ type: 'greet', name: 'a' });
      // A raw line that is not JSON, between two valid messages.
      client.send(new Frame('{not json\n'));
      client.send({ type: 'nope' });
      client.send({ type: 'greet', name: 'b' });
      await until(() => replies.length === 4, 'four replies');
      expect(replies).toEqual([
        { type: 'greeting', text: 'hi a' },
        { type: 'error', code: 'INVALID_JSON' },
        { type: 'error', code: 'UNKNOWN', route: 'nope' },
        { type: 'greeting', text: 'hi b' },
      ]);
      expect(client.isOpen).toBe(true);
    } finally {
      client.destroy({ kind: 'closed' });
      await server.server.close(500);
    }
  });

  it('treats a decoder that throws a plain Error as a protocol error, not a crash', async () => {
    const brittle: Codec<string, string> = {
      name: 'brittle',
      encode: (line) => `${line}\n`,
      createDecoder: () => ({
        decode(chunk) {
          if (chunk.includes(0)) throw new Error('NUL byte');
          return chunk.toString().split('\n').filter(Boolean);
        },
      }),
    };
    running = await listen({ codec: brittle, plugins: [Echo], replies: protocolReplies });
    const client = await peer(running.port);
    const closed = nextEvent(running.server, 'connection-close');
    client.write('a\n');
    await client.waitForLines(1);
    client.write(Buffer.from([0x41, 0x00, 0x0a]));
    await client.ended;
    expect(client.lines()).toEqual(['echo:a', 'ERR DECODER_FAILED']);
    expect((await closed).reason).toMatchObject({ kind: 'protocol-error', detail: expect.stringContaining('NUL byte') });
  });
});
