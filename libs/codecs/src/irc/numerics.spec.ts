import * as numerics from './numerics';

describe('numerics', () => {
  const entries = Object.entries(numerics);

  it('names each reply RPL_ or ERR_ and gives it a 3-digit code', () => {
    expect(entries).toHaveLength(68);
    for (const [name, code] of entries) {
      expect(name).toMatch(/^(RPL|ERR)_[A-Z]+$/);
      expect(code).toMatch(/^\d{3}$/);
    }
  });

  it('gives no two replies the same code', () => {
    expect(new Set(entries.map(([, code]) => code)).size).toBe(entries.length);
  });

  it('keeps replies in 001-399 and errors in 400-599 or 696', () => {
    for (const [name, code] of entries) {
      const value = Number(code);
      if (name.startsWith('RPL_')) expect(value).toBeLessThan(400);
      else expect(value >= 400 && (value < 600 || value === 696)).toBe(true);
    }
  });

  it.each([
    ['RPL_WELCOME', '001'],
    ['RPL_ISUPPORT', '005'],
    ['RPL_NAMREPLY', '353'],
    ['ERR_INPUTTOOLONG', '417'],
    ['ERR_NICKNAMEINUSE', '433'],
    ['ERR_INVALIDMODEPARAM', '696'],
  ])('%s is %s', (name, code) => {
    expect((numerics as Record<string, string>)[name]).toBe(code);
  });
});
