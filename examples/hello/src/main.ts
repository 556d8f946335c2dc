import { linesCodec } from '@weir/codecs';
import { createServer, Handle, Plugin } from '@weir/core';

@Plugin()
class Greeter {
  @Handle('HELLO')
  hello(line: string) {
    return `hello, ${line.slice(6) || 'stranger'}`;
  }
}

export const server = createServer({
  codec: linesCodec(),
  route: (line: string) => line.split(' ')[0].toUpperCase(),
  plugins: [Greeter],
  replies: { unknownRoute: (line) => `ERR unknown command '${line}'` },
});

server.listen().then(({ port }) => console.log(`try: nc 127.0.0.1 ${port}`));
