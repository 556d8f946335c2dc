import { JsonLineRequests, randomText } from './json-line-requests';
import { ReplyMismatch } from './request-stream';

const data = ['one', 'two'];
const line = (value: unknown) => Buffer.from(`${JSON.stringify(value)}\n`);

describe('JsonLineRequests', () => {
  it('writes request lines with the id, the data and, every other one, the echo type', () => {
    const stream = new JsonLineRequests(0, data);
    expect(stream.request(0)).toBe('{"id":0,"data":"one"}\n');
    expect(JSON.parse(stream.request(1))).toEqual({ id: 1, type: 'echo', data: 'two' });
    expect(JSON.parse(stream.request(2))).toEqual({ id: 2, data: 'one' });
  });

  it('accepts the usual replies, split anywhere', () => {
    const replies = Buffer.concat([0, 1, 2, 3].map((id) => line({ id, data: data[id % 2] })));
    for (const size of [1, 5, 1000]) {
      const stream = new JsonLineRequests(0, data);
      let total = 0;
      for (let i = 0; i < replies.length; i += size) total += stream.accept(replies.subarray(i, i + size));
      expect(total).toBe(4);
    }
  });

  it('accepts a reply with other key order, spacing or extra fields', () => {
    const stream = new JsonLineRequests(0, data);
    expect(stream.accept(Buffer.from('{ "data": "one", "id": 0 }\r\n'))).toBe(1);
    expect(stream.accept(line({ data: 'two', id: 1, took: 3 }))).toBe(1);
  });

  it('fails on a wrong id, wrong data, a non-JSON line or a non-object', () => {
    expect(() => new JsonLineRequests(0, data).accept(line({ id: 1, data: 'one' }))).toThrow(ReplyMismatch);
    expect(() => new JsonLineRequests(0, data).accept(line({ id: 0, data: 'two' }))).toThrow(/expected id 0/);
    expect(() => new JsonLineRequests(0, data).accept(Buffer.from('{"id":0,\n'))).toThrow(/not JSON/);
    expect(() => new JsonLineRequests(0, data).accept(line([0, 'one']))).toThrow(ReplyMismatch);
    expect(() => new JsonLineRequests(0, data).accept(line({ error: 'unknown type' }))).toThrow(ReplyMismatch);
  });

  it('fails rather than buffer a reply line that never ends', () => {
    const stream = new JsonLineRequests(0, data);
    expect(() => stream.accept(Buffer.alloc(2 * 1024 * 1024, 0x61))).toThrow(/no line end/);
  });

  it('makes random data of plain letters and digits', () => {
    const text = randomText(500);
    expect(text).toMatch(/^[A-Za-z0-9]{500}$/);
    expect(JSON.stringify(text)).toBe(`"${text}"`);
  });
});
