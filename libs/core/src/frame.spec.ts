import { linesCodec, type Codec } from '@weir/codecs';
import type { MessageContext } from './message-context';
import { Handle, Plugin } from './plugin';
import { WeirServer } from './server';
import { collectingClient, listen, until } from './testing/harness';

let encodes: string[];

/** linesCodec, counting what the server encodes. */
const counted: Codec<string, string> = {
  ...linesCodec(),
  encode(line: string) {
    encodes.push(line);
    return linesCodec().encode(line);
  },
};

@Plugin()
class Room {
  constructor(private readonly server: WeirServer<string, string>) {}

  @Handle('say')
  say(line: string, context: MessageContext<string, string>): string {
    const frame = this.server.frame(`<${context.connection.id}> ${line.slice(4)}`);
    for (const member of this.server.connections()) {
      if (member !== context.connection) member.send(frame);
    }
    return 'sent';
  }
}

describe('Frame broadcast', () => {
  beforeEach(() => (encodes = []));

  it('encodes a broadcast once and sends the same bytes to every member', async () => {
    const { server, port } = await listen({ codec: counted, plugins: [Room], route: (line) => line.split(' ')[0] ?? '' });
    const members = await Promise.all([1, 2, 3, 4].map(() => collectingClient(port, linesCodec())));
    await until(() => server.connectionCount === 4, 'four members');
    const speaker = members[0];
    const speakerId = [...server.connections()][0].id;
    speaker.connection.send('say hello room');
    expect(await speaker.waitFor(1)).toEqual(['sent']);
    for (const listener of members.slice(1)) {
      expect(await listener.waitFor(1)).toEqual([`<${speakerId}> hello room`]);
    }
    // One encode for the broadcast, one for the speaker's own reply.
    expect(encodes).toEqual([`<${speakerId}> hello room`, 'sent']);
    await Promise.all(members.map((m) => m.destroy()));
    await server.close(500);
  });
});
