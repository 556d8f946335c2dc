import { ircMessage } from './irc-message';

describe('ircMessage', () => {
  it('leaves out the prefix and tags that are not given', () => {
    const message = ircMessage('PING', ['x']);
    expect(message).toEqual({ command: 'PING', params: ['x'] });
    expect(Object.keys(message)).toEqual(['command', 'params']);
  });

  it('defaults to no params', () => {
    expect(ircMessage('QUIT').params).toEqual([]);
  });

  it('sets prefix and tags when given', () => {
    expect(ircMessage('001', ['nick', 'Welcome'], 'irc.example', { time: 't' })).toEqual({
      tags: { time: 't' },
      prefix: 'irc.example',
      command: '001',
      params: ['nick', 'Welcome'],
    });
    expect(Object.keys(ircMessage('PING', [], undefined, { a: '' }))).toEqual(['tags', 'command', 'params']);
  });
});
