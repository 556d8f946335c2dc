import { checkDirectory, checkKebabCase, checkPort, parseRoutes, portForName } from './validation';

describe('input checks', () => {
  it('takes kebab-case names and refuses others, saying what to use', () => {
    for (const good of ['greeter', 'chat-bridge', 'kv2', 'a-1-b']) expect(checkKebabCase('service', good)).toBe(good);
    for (const bad of ['Greeter', 'chat_bridge', '2kv', 'a--b', 'a-', '', 'has space', '../x']) {
      expect(() => checkKebabCase('service', bad)).toThrow(/--name: .* is not a kebab-case service name/);
    }
    expect(() => checkKebabCase('plugin', 'Hello')).toThrow(/e\.g\. 'hello'/);
  });

  it('splits, trims and checks route keys', () => {
    expect(parseRoutes('GET,SET')).toEqual(['GET', 'SET']);
    expect(parseRoutes(' greet , user.create ')).toEqual(['greet', 'user.create']);
    expect(parseRoutes(['PING'])).toEqual(['PING']);
    expect(() => parseRoutes('')).toThrow(/at least one route key/);
    expect(() => parseRoutes('GET,,SET')).toThrow(/'' is not a route key/);
    expect(() => parseRoutes("it's")).toThrow(/is not a route key/);
    expect(() => parseRoutes('GET,GET')).toThrow(/'GET' is listed twice/);
  });

  it('takes ports from 1 to 65535', () => {
    expect(checkPort(1)).toBe(1);
    expect(checkPort(65535)).toBe(65535);
    for (const bad of [0, 65536, -1, 80.5, Number.NaN]) expect(() => checkPort(bad)).toThrow(/--port: expected a whole number from 1 to 65535/);
  });

  it('derives a port in 7100-7999 from the name, the same each time', () => {
    const names = ['greeter', 'chat', 'kv', 'a', 'a-much-longer-service-name'];
    for (const name of names) {
      expect(portForName(name)).toBeGreaterThanOrEqual(7100);
      expect(portForName(name)).toBeLessThanOrEqual(7999);
      expect(portForName(name)).toBe(portForName(name));
    }
    expect(new Set(names.map(portForName)).size).toBeGreaterThan(1);
  });

  it('keeps directories inside the workspace', () => {
    expect(checkDirectory('apps/greeter')).toBe('apps/greeter');
    expect(checkDirectory('./services/greeter/')).toBe('services/greeter');
    for (const bad of ['../greeter', '/abs/greeter', 'apps/../../x', 'C:/x', '', 'apps//x', 'apps/gr eeter']) {
      expect(() => checkDirectory(bad)).toThrow(/--directory: .* must be a folder inside the workspace/);
    }
  });
});
