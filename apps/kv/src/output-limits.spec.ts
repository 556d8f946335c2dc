import * as net from 'node:net';
import { call, startKv } from './testing/start-kv';

describe('client output limits', () => {
  it('disconnects a subscriber that never reads, and keeps serving the others', async () => {
    const kv = await startKv({ clientOutputLimit: 4 * 1024 * 1024 });
    const subscriber = net.connect(kv.port, '127.0.0.1');
    await new Promise((resolve) => subscriber.once('connect', resolve));
    subscriber.write('*2\r\n$9\r\nSUBSCRIBE\r\n$4\r\nnews\r\n');
    await new Promise((resolve) => subscriber.once('data', resolve));
    subscriber.pause(); // and never reads again

    const publisher = await kv.raw();
    const message = 'x'.repeat(256 * 1024);
    let receivers = 1;
    for (let i = 0; i < 400 && receivers > 0; i++) {
      const reply = await call(publisher, 'PUBLISH', 'news', message);
      receivers = reply.type === 'integer' ? Number(reply.value) : -1;
    }
    expect(receivers).toBe(0);
    expect(await call(publisher, 'PING')).toEqual({ type: 'simple', value: 'PONG' });
    const stats = kv.service.server.stats();
    expect(stats.pendingOutputBytes).toBeLessThan(4 * 1024 * 1024);
    subscriber.destroy();
    await kv.stop();
  });
});
