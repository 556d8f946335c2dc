import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { linesCodec } from '@weir/codecs';
import { TestClient } from '@weir/testing';
import type { WeirServer } from '@weir/core';

const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
const example = readFileSync(join(__dirname, 'main.ts'), 'utf8');

describe('the README example', () => {
  it('is this file, word for word', () => {
    const block = /```ts\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf('## A complete service')));
    expect(block?.[1]).toBe(example);
  });

  it('runs as written and answers over TCP', async () => {
    const printed: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line));
    const { server } = (await import('./main')) as { server: WeirServer<string, string> };
    for (let i = 0; i < 100 && printed.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    log.mockRestore();
    const port = Number(/127\.0\.0\.1 (\d+)/.exec(printed[0])?.[1]);
    expect(port).toBe(server.address()?.port);
    const client = await TestClient.connect(port, linesCodec());
    expect(await client.request('HELLO world')).toBe('hello, world');
    expect(await client.request('PING')).toBe("ERR unknown command 'PING'");
    await client.close();
    await server.close();
  });
});
