import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { firstValueFrom, take, toArray } from 'rxjs';
import { linesCodec } from '@weir/codecs';
import { connect } from './client';
import { Handle, Plugin } from './plugin';
import { EVENTUALLY_MS, listen, nextEvent, RawPeer, type Listening } from './testing/harness';

// A self-signed pair for localhost/127.0.0.1, shipped so this spec needs no openssl.
const fixtures = join(__dirname, 'testing', 'fixtures');
const cert = readFileSync(join(fixtures, 'test-cert.pem'));
const key = readFileSync(join(fixtures, 'test-key.pem'));

@Plugin()
class Echo {
  @Handle('message')
  echo(line: string): string {
    return `echo:${line}`;
  }
}

describe('TLS', () => {
  let running: Listening<string, string>;
  beforeEach(async () => {
    running = await listen({ codec: linesCodec(), plugins: [Echo], tls: { cert, key } });
  });
  afterEach(() => running.server.close(500));

  it('serves the same plugins over TLS, to a client that trusts the certificate', async () => {
    const client = await connect({ port: running.port, codec: linesCodec(), tls: { ca: cert, servername: 'localhost' } });
    const replies = firstValueFrom(client.messages$.pipe(take(2), toArray()));
    const closed = nextEvent(running.server, 'connection-close');
    client.send('secret');
    client.send('second');
    expect(await replies).toEqual(['echo:secret', 'echo:second']);
    client.close();
    expect((await closed).reason.kind).toBe('peer-end');
  });

  it('speaks no plain text on the TLS port, and keeps serving after a failed handshake', async () => {
    const plain = await RawPeer.open(running.port);
    plain.write('hello\n');
    await plain.closed;
    expect(plain.text).not.toContain('echo:hello');

    const trusted = await connect({ port: running.port, codec: linesCodec(), tls: { ca: cert } });
    const reply = firstValueFrom(trusted.messages$);
    trusted.send('after');
    expect(await reply).toBe('echo:after');
    trusted.destroy({ kind: 'closed' });
  });

  it('closes without waiting for peers that stopped mid-handshake', async () => {
    // Connected, but never a TLS hello: the server's allowHalfOpen socket would
    // otherwise sit out Node's 120 s handshake timeout, and close() with it.
    const silent = await RawPeer.open(running.port);
    const dropped = await RawPeer.open(running.port);
    dropped.socket.end();
    const closing = running.server.close(100).then(() => 'closed');
    const bound = new Promise((resolve) => setTimeout(resolve, EVENTUALLY_MS, 'still waiting').unref());
    expect(await Promise.race([closing, bound])).toBe('closed');
    await silent.closed;
  });

  it('fails to connect when the client does not trust the certificate', async () => {
    await expect(connect({ port: running.port, codec: linesCodec(), tls: {} })).rejects.toThrow(/self[- ]signed/i);
    expect(running.server.stats().connections).toBe(0);
  });
});
