import { linesCodec } from '@weir/codecs';
import { Handle, Plugin, pluginMetadata, type PluginClass } from './plugin';
import { createServer } from './server';

@Plugin()
class Auth {
  @Handle('AUTH')
  auth(): string {
    return 'OK';
  }
}

@Plugin({ dependsOn: [Auth] })
class Strings {
  @Handle('GET', 'MGET')
  get(): string {
    return 'value';
  }
}

@Plugin({ name: 'legacy-strings' })
class LegacyStrings {
  @Handle('GET')
  get(): string {
    return 'old value';
  }
}

class NotAPlugin {}

const build = (...plugins: PluginClass[]) => createServer({ codec: linesCodec(), plugins });

describe('plugin registration', () => {
  it('reads names, dependencies and routes from the decorators', () => {
    const meta = pluginMetadata(Strings);
    expect(meta.name).toBe('Strings');
    expect(meta.dependsOn).toEqual([Auth]);
    expect([...meta.routes]).toEqual([
      ['GET', 'get'],
      ['MGET', 'get'],
    ]);
    expect(pluginMetadata(LegacyStrings).name).toBe('legacy-strings');
  });

  it('accepts dependencies listed first', () => {
    expect(() => build(Auth, Strings)).not.toThrow();
  });

  it('fails when the server is built if a dependency is missing', () => {
    expect(() => build(Strings)).toThrow("plugin Strings depends on Auth, which is not registered: add it to the server's plugins");
  });

  it('fails when the server is built if a dependency is listed after its dependant', () => {
    expect(() => build(Strings, Auth)).toThrow('plugin Strings depends on Auth, which is listed after it: list Auth first');
  });

  it('fails when two plugins claim the same route', () => {
    expect(() => build(Auth, Strings, LegacyStrings)).toThrow("route 'GET' is claimed by both Strings and legacy-strings");
  });

  it('fails on a plugin registered twice, and on a class that is not a plugin', () => {
    expect(() => build(Auth, Auth)).toThrow('plugin Auth is registered twice');
    expect(() => build(NotAPlugin)).toThrow('NotAPlugin is not a plugin: decorate it with @Plugin() from @weir/core');
  });

  it('does not listen when a start hook fails', async () => {
    @Plugin()
    class Broken {
      onServerStart(): Promise<void> {
        return Promise.reject(new Error('no database'));
      }
    }
    const server = createServer({ codec: linesCodec(), plugins: [Broken] });
    await expect(server.listen()).rejects.toThrow('no database');
    expect(server.address()).toBeUndefined();
    await server.close(100);
  });
});
