import { connect } from '@weir/core';
import { respClientCodec, type RespReply, type RespRequest } from '@weir/codecs';
import { TestClient } from '@weir/testing';
import { describeWithRedis, startReferenceRedis, type ReferenceRedis } from './reference-redis';
import { startKv, type RunningKv } from './start-kv';

export interface DifferentialOptions {
  /** Commands whose replies differ by nature (HELLO's version and id): sent to both servers, not compared. */
  readonly notCompared?: (command: RespRequest) => boolean;
}

const NOT_COMPARED: RespReply = { type: 'simple', value: '(not compared)' };

/** A reply as comparable text: Buffers as their bytes, bigints and infinities spelled out (JSON drops them). */
function text(reply: RespReply): string {
  return JSON.stringify(reply, (_key, value: unknown) =>
    typeof value === 'bigint' || (typeof value === 'number' && !Number.isFinite(value)) ? String(value) : value,
  );
}

/**
 * A suite that sends the same script, on one connection each, to a real
 * redis-server and to kv, and expects the same decoded replies command by
 * command. Skipped (or failed in CI) when no redis-server is installed.
 */
export function describeDifferential(name: string, script: readonly RespRequest[], options: DifferentialOptions = {}): void {
  describeWithRedis(name, () => {
    let reference: ReferenceRedis;
    let kv: RunningKv;

    beforeAll(async () => {
      reference = await startReferenceRedis();
      kv = await startKv();
    });
    afterAll(async () => {
      await kv.stop();
      await reference.stop();
    });

    async function run(port: number): Promise<RespReply[]> {
      const client = new TestClient(await connect({ port, codec: respClientCodec() }));
      const replies: RespReply[] = [];
      for (const command of script) {
        const reply = await client.request(command);
        replies.push(options.notCompared?.(command) ? NOT_COMPARED : reply);
      }
      await client.close();
      return replies;
    }

    it('gives the same replies, command by command', async () => {
      const expected = await run(reference.port);
      const actual = await run(kv.port);
      const differences = script
        .map((command, i) => ({ command: command.join(' '), expected: expected[i], actual: actual[i] }))
        .filter(({ expected: e, actual: a }) => text(e) !== text(a));
      expect(differences).toEqual([]);
    });
  });
}
