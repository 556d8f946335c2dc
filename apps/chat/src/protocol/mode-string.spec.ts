import { formatModeChanges, parseChannelModes } from './mode-string';

describe('mode strings', () => {
  it('takes arguments left to right by the CHANMODES types', () => {
    expect(parseChannelModes('+ov-k+l-lb', ['amy', 'ben', 'key', '10'])).toEqual([
      { adding: true, letter: 'o', param: 'amy' },
      { adding: true, letter: 'v', param: 'ben' },
      { adding: false, letter: 'k', param: 'key' },
      { adding: true, letter: 'l', param: '10' },
      { adding: false, letter: 'l' },
      { adding: false, letter: 'b' },
    ]);
  });

  it('drops a change that needs an argument and has none; -k may go without one', () => {
    expect(parseChannelModes('+kov', [])).toEqual([]);
    expect(parseChannelModes('-k', [])).toEqual([{ adding: false, letter: 'k' }]);
    expect(parseChannelModes('mnt', [])).toEqual([
      { adding: true, letter: 'm' },
      { adding: true, letter: 'n' },
      { adding: true, letter: 't' },
    ]);
  });

  it('groups runs of one sign when echoing', () => {
    expect(
      formatModeChanges([
        { adding: true, letter: 'o', param: 'a' },
        { adding: true, letter: 'v', param: 'b' },
        { adding: false, letter: 't' },
        { adding: true, letter: 'l', param: '5' },
      ]),
    ).toEqual(['+ov-t+l', 'a', 'b', '5']);
  });
});
