import { displayHost, ircLower, isValidChannelName, isValidNick } from './irc-names';
import { matchesMask, normaliseBanMask } from './wildcard-mask';

describe('IRC names', () => {
  it('folds by rfc1459: letters, and []\\~ to {}|^', () => {
    expect(ircLower('Nick[A]\\~')).toBe('nick{a}|^');
    expect(ircLower('#Chan')).toBe('#chan');
  });

  it('accepts RFC 2812 nicks within the length limit', () => {
    for (const nick of ['a', 'Wiz', '[away]', 'x_y-z', '`tick`', 'a|b', '^^']) expect(isValidNick(nick, 9)).toBe(true);
    for (const nick of ['', '9lives', '-dash', 'has space', 'a,b', 'a!b', 'a@b', '#chan', ':colon', 'toolongnick']) {
      expect(isValidNick(nick, 9)).toBe(false);
    }
  });

  it('accepts # channel names without space, comma, colon or BEL, within the limit', () => {
    expect(isValidChannelName('#weir', 50)).toBe(true);
    expect(isValidChannelName('#ça-va', 50)).toBe(true);
    for (const name of ['weir', '#', '#a b', '#a,b', '#a:b', '#a\x07', '#toolong']) expect(isValidChannelName(name, 6)).toBe(false);
  });

  it('shows hosts the way prefixes need them', () => {
    expect(displayHost('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(displayHost('::1')).toBe('0::1');
    expect(displayHost('10.0.0.1')).toBe('10.0.0.1');
  });
});

describe('masks', () => {
  it('matches * and ? under the case mapping, and nothing else as a pattern', () => {
    expect(matchesMask('*!*@127.0.0.1', 'Amy!amy@127.0.0.1')).toBe(true);
    expect(matchesMask('am?', 'AMY')).toBe(true);
    expect(matchesMask('nick[1]!*@*', 'NICK{1}!u@h')).toBe(true);
    expect(matchesMask('a.b', 'axb')).toBe(false);
    expect(matchesMask('a+', 'aa')).toBe(false);
  });

  it('completes ban masks to nick!user@host', () => {
    expect(normaliseBanMask('nick')).toBe('nick!*@*');
    expect(normaliseBanMask('user@host')).toBe('*!user@host');
    expect(normaliseBanMask('nick!user')).toBe('nick!user@*');
    expect(normaliseBanMask('n!u@h')).toBe('n!u@h');
  });
});
