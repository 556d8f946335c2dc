import { jsonLinesCodec, ProtocolError } from '@weir/codecs';
import { EmbeddedService } from '@weir/testing';
import { answerLine } from './raw-jsonl-server';
import { RequestCounter, routeByType, weirJsonLinesOptions, type JsonReply } from './weir-jsonl-service';

// The two request/response servers must do the same work, or the ratio
// between them measures something else: same answers to the same lines.
const lines = [
  '{"id":1,"data":"hello"}',
  '{"id":2,"type":"echo","data":"héllo ✓"}',
  '{"id":3,"type":"shout","data":"x"}',
  '{"id":"4","data":"x"}',
  '{"data":"no id"}',
  '42',
];

describe('the request/response pair', () => {
  it('routes by type, echo when there is none', () => {
    expect(routeByType({ type: 'stats' })).toBe('stats');
    expect(routeByType({ id: 1 })).toBe('echo');
    expect(routeByType({ type: 7 })).toBe('echo');
    expect(routeByType(null)).toBe('echo');
    expect(routeByType('text')).toBe('echo');
  });

  it('gives the same reply line from the hand-written and the Weir server', async () => {
    const service = await EmbeddedService.create(weirJsonLinesOptions());
    const client = service.connect();
    const codec = jsonLinesCodec();
    try {
      for (const line of lines) {
        client.send(JSON.parse(line));
        const [reply] = await client.settle();
        expect(codec.encode(reply as JsonReply)).toBe(answerLine(line));
      }
      expect(answerLine('{"id":1,"data":"a"}')).toBe('{"id":1,"data":"a"}\n');
    } finally {
      await service.close();
    }
  });

  it('counts every request in its middleware and answers bad JSON alike', async () => {
    const service = await EmbeddedService.create(weirJsonLinesOptions());
    const client = service.connect();
    try {
      client.send({ id: 1, data: 'a' }, { id: 2, data: 'b' }, new ProtocolError('bad line', 'INVALID_JSON', false));
      const replies = await client.settle();
      expect(replies).toEqual([{ id: 1, data: 'a' }, { id: 2, data: 'b' }, { error: 'INVALID_JSON' }]);
      expect(answerLine('{nope')).toBe('{"error":"INVALID_JSON"}\n');
      expect(service.server.container.resolve(RequestCounter).handled).toBe(2);
    } finally {
      await service.close();
    }
  });
});
