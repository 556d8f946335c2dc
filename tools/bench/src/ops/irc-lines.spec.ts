import { IrcLines, numericOf } from './irc-lines';

describe('IrcLines', () => {
  it('gives whole lines however the stream is split, CR LF or LF', () => {
    const text = ':a PRIVMSG #c :one\r\n:a PRIVMSG #c :two\n:srv 366 n #c :End\r\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const lines: string[] = [];
      const splitter = new IrcLines();
      splitter.push(text.slice(0, cut), (line) => lines.push(line));
      splitter.push(text.slice(cut), (line) => lines.push(line));
      expect(lines).toEqual([':a PRIVMSG #c :one', ':a PRIVMSG #c :two', ':srv 366 n #c :End']);
    }
  });

  it('reads a numeric from a server line', () => {
    expect(numericOf(':weir.local 376 nick :End of /MOTD command.')).toBe('376');
    expect(numericOf(':nick!u@h PRIVMSG #c :376 ')).toBe('');
  });
});
