import { ProtocolError } from '../protocol-error';
import { parseIrcLine } from './irc-line-parser';

function parsed(line: string) {
  const result = parseIrcLine(line);
  if (result === undefined || result instanceof ProtocolError) {
    throw new Error(`expected a message from ${JSON.stringify(line)}, got ${String(result)}`);
  }
  return result;
}

function expectMalformed(line: string): void {
  const result = parseIrcLine(line);
  expect(result).toBeInstanceOf(ProtocolError);
  expect(result).toMatchObject({ code: 'MALFORMED', fatal: false });
}

describe('parseIrcLine', () => {
  describe('params', () => {
    it('splits middle params and a trailing param with spaces', () => {
      expect(parsed('PRIVMSG #chan :hello  world :)')).toEqual({
        command: 'PRIVMSG',
        params: ['#chan', 'hello  world :)'],
      });
    });

    it('reads an empty trailing param', () => {
      expect(parsed('TOPIC #chan :').params).toEqual(['#chan', '']);
    });

    it('tolerates several spaces between params and spaces at the end', () => {
      expect(parsed('MODE   #chan  +o   nick   ').params).toEqual(['#chan', '+o', 'nick']);
    });

    it('keeps colons that do not start a param', () => {
      expect(parsed('PING a:b').params).toEqual(['a:b']);
    });

    it('reads a command with no params', () => {
      expect(parsed('QUIT')).toEqual({ command: 'QUIT', params: [] });
    });

    it('takes the rest of the line as the 15th param, with or without a colon', () => {
      const fourteen = Array.from({ length: 14 }, (_, i) => `p${i}`);
      expect(parsed(`CMD ${fourteen.join(' ')} x y  z`).params).toEqual([...fourteen, 'x y  z']);
      expect(parsed(`CMD ${fourteen.join(' ')} :x y`).params).toEqual([...fourteen, 'x y']);
    });
  });

  describe('prefix', () => {
    it('reads the prefix without its colon', () => {
      expect(parsed(':nick!user@host PRIVMSG #a :hi')).toEqual({
        prefix: 'nick!user@host',
        command: 'PRIVMSG',
        params: ['#a', 'hi'],
      });
    });

    it('allows several spaces after the prefix', () => {
      expect(parsed(':irc.example.com   001 nick :Welcome').prefix).toBe('irc.example.com');
    });
  });

  describe('tags', () => {
    it('reads tags with and without values, unescaping values', () => {
      const message = parsed('@id=123;+example.com/draft=a\\sb\\:c;flag :srv NOTICE * :hi');
      expect(message.tags).toEqual({ id: '123', '+example.com/draft': 'a b;c', flag: '' });
      expect(message.prefix).toBe('srv');
      expect(message.command).toBe('NOTICE');
    });

    it('gives an empty value for `key=` and for a lone trailing backslash', () => {
      expect(parsed('@a=;b=x\\ PING').tags).toEqual({ a: '', b: 'x' });
    });

    it('lets the last of repeated keys win', () => {
      expect(parsed('@a=1;a=2 PING').tags).toEqual({ a: '2' });
    });

    it('skips empty tag entries', () => {
      expect(parsed('@a=1;;b=2; PING').tags).toEqual({ a: '1', b: '2' });
    });

    it('stores a tag named __proto__ like any other', () => {
      const tags = parsed('@__proto__=x;constructor=y PING').tags;
      expect(Object.keys(tags ?? {})).toEqual(['__proto__', 'constructor']);
      expect(tags?.['__proto__']).toBe('x');
    });

    it('inherits nothing, so an absent tag reads as undefined', () => {
      const tags = parsed('@a=1 PING').tags ?? {};
      expect(tags['toString']).toBeUndefined();
      expect(tags['constructor']).toBeUndefined();
      expect('hasOwnProperty' in tags).toBe(false);
    });

    it('leaves tags out when the section holds none', () => {
      expect(parsed('@; PING x')).toEqual({ command: 'PING', params: ['x'] });
    });
  });

  describe('command', () => {
    it.each([
      ['privmsg', 'PRIVMSG'],
      ['PrivMsg', 'PRIVMSG'],
      ['NICK', 'NICK'],
      ['001', '001'],
      ['433', '433'],
    ])('reads %j as %j', (token, command) => {
      expect(parsed(`${token} x`).command).toBe(command);
    });

    it.each(['12', '1234', 'PRIV2MSG', 'PRIV-MSG', '0a1', 'ÄRGER'])('calls %j malformed', (token) => {
      expectMalformed(`${token} x`);
    });
  });

  describe('lines without a command', () => {
    it.each(['@a=b', '@a=b   ', ':prefix', ':prefix   ', '@a=b :prefix', ': PING'])('calls %j malformed', (line) => {
      expectMalformed(line);
    });

    it('ignores empty and blank lines', () => {
      expect(parseIrcLine('')).toBeUndefined();
      expect(parseIrcLine('    ')).toBeUndefined();
    });
  });

  it('refuses NUL and CR inside a line', () => {
    expectMalformed('PRIVMSG #a :x\0y');
    expectMalformed('PRIVMSG #a :x\ry');
  });

  it('passes bytes that are not UTF-8 through unchanged', () => {
    const raw = '\xff\xfe\xc3\x28 \x80';
    expect(parsed(`PRIVMSG #caf\xe9 :${raw}`).params).toEqual(['#caf\xe9', raw]);
  });
});
