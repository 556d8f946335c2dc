import { EchoRequests } from './echo-requests';
import { ReplyMismatch } from './request-stream';

const payloads = [Buffer.from('alpha-0'), Buffer.from('bravo-1'), Buffer.from('charlie-2')];

/** Feeds `bytes` to the checker in pieces of `size`, returning the completions per piece. */
function feed(checker: EchoRequests, bytes: Buffer, size: number): number[] {
  const counts: number[] = [];
  for (let i = 0; i < bytes.length; i += size) counts.push(checker.accept(bytes.subarray(i, i + size)));
  return counts;
}

describe('EchoRequests', () => {
  it('cycles through its payloads as requests', () => {
    const stream = new EchoRequests(0, payloads);
    expect([0, 1, 2, 3].map((seq) => stream.request(seq).toString())).toEqual(['alpha-0', 'bravo-1', 'charlie-2', 'alpha-0']);
  });

  it('makes random payloads of the asked size when given none', () => {
    const stream = new EchoRequests(64);
    expect(stream.request(0)).toHaveLength(64);
    expect(stream.request(0).equals(stream.request(1))).toBe(false);
  });

  it('counts a reply complete only once all its bytes came back, however they are split', () => {
    const replies = Buffer.concat([payloads[0], payloads[1], payloads[2], payloads[0]]);
    for (const size of [1, 3, 7, 100]) {
      const counts = feed(new EchoRequests(0, payloads), replies, size);
      expect(counts.reduce((a, b) => a + b, 0)).toBe(4);
    }
    expect(new EchoRequests(0, payloads).accept(Buffer.from('alpha'))).toBe(0);
  });

  it('fails on a changed byte, naming the reply', () => {
    const stream = new EchoRequests(0, payloads);
    expect(stream.accept(payloads[0])).toBe(1);
    expect(() => stream.accept(Buffer.from('bravo-X'))).toThrow(ReplyMismatch);
    const thrown = (() => {
      try {
        new EchoRequests(0, payloads).accept(Buffer.from('alphaX0'));
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(ReplyMismatch);
    expect((thrown as ReplyMismatch).seq).toBe(0);
  });

  it('fails on replies out of order', () => {
    const stream = new EchoRequests(0, payloads);
    expect(() => stream.accept(Buffer.concat([payloads[1], payloads[0]]))).toThrow(/echo reply 0/);
  });
});
