import { addProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { serviceGenerator } from '../service/generator';
import { methodName, pluginGenerator } from './generator';

const snapshot = (tree: Tree) => tree.listChanges().map((change) => `${change.type} ${change.path}:${change.content?.length ?? 0}`);

describe('plugin generator', () => {
  let tree: Tree;

  beforeEach(async () => {
    tree = createTreeWithEmptyWorkspace();
    tree.delete('.oxfmtrc.json');
    await serviceGenerator(tree, { name: 'greeter', codec: 'lines' });
  });

  const service = () => tree.read('apps/greeter/src/greeter.service.ts', 'utf-8') ?? '';

  it('writes the plugin with one @Handle method per route, and its spec', async () => {
    await pluginGenerator(tree, { name: 'hello', project: 'greeter', routes: 'HELLO,GOOD-BYE' });
    const plugin = tree.read('apps/greeter/src/hello.plugin.ts', 'utf-8') ?? '';
    expect(plugin).toContain("@Plugin({ name: 'hello' })\nexport class HelloPlugin {");
    expect(plugin).toContain("  @Handle('HELLO')\n  hello(line: string): string {");
    expect(plugin).toContain("  @Handle('GOOD-BYE')\n  goodBye(line: string): string {");
    const spec = tree.read('apps/greeter/src/hello.plugin.spec.ts', 'utf-8') ?? '';
    expect(spec).toContain('EmbeddedService.create(');
    expect(spec).toContain("it('answers HELLO'");
    expect(spec).toContain("it('answers GOOD-BYE'");
  });

  it("adds the plugin to the service's plugins list and imports it", async () => {
    await pluginGenerator(tree, { name: 'hello', project: 'greeter', routes: 'HELLO' });
    expect(service()).toContain('plugins: [GreeterPlugin, HelloPlugin],');
    expect(service()).toContain("import { GreeterPlugin } from './greeter.plugin';\nimport { HelloPlugin } from './hello.plugin';\n");
  });

  it('defaults the routes to the name in the codec style, and upper-cases RESP routes', async () => {
    await pluginGenerator(tree, { name: 'say-hi', project: 'greeter' });
    expect(tree.read('apps/greeter/src/say-hi.plugin.ts', 'utf-8')).toContain("@Handle('SAY_HI')\n  sayHi(");

    await serviceGenerator(tree, { name: 'cache', codec: 'resp' });
    await pluginGenerator(tree, { name: 'strings', project: 'cache', routes: 'get,set' });
    const plugin = tree.read('apps/cache/src/strings.plugin.ts', 'utf-8') ?? '';
    expect(plugin).toContain("@Handle('GET')\n  get(command: RespCommand): RespReply {");
    expect(plugin).toContain("@Handle('SET')\n  set(command: RespCommand): RespReply {");

    await serviceGenerator(tree, { name: 'feed', codec: 'json-lines' });
    await pluginGenerator(tree, { name: 'user', project: 'feed' });
    expect(tree.read('apps/feed/src/user.plugin.ts', 'utf-8')).toContain("@Handle('user')\n  user(message: JsonMessage): JsonMessage {");
  });

  it('reads the codec from the service, or takes --codec', async () => {
    addProjectConfiguration(tree, 'custom', { root: 'apps/custom', sourceRoot: 'apps/custom/src', projectType: 'application' });
    tree.write('apps/custom/src/main.ts', "import { makeCodec } from './codec';\nexport const options = { codec: makeCodec(), plugins: [] };\n");
    await expect(pluginGenerator(tree, { name: 'x', project: 'custom' })).rejects.toThrow(/cannot tell which codec apps\/custom\/src\/main\.ts uses .* pass --codec=/);
    await pluginGenerator(tree, { name: 'x', project: 'custom', codec: 'length-prefixed', routes: 'X' });
    expect(tree.read('apps/custom/src/x.plugin.ts', 'utf-8')).toContain('x(frame: Buffer): Buffer {');
    expect(tree.read('apps/custom/src/main.ts', 'utf-8')).toContain('plugins: [XPlugin]');
  });

  it('finds the service file of a project laid out like apps/echo', async () => {
    addProjectConfiguration(tree, 'echo', { root: 'apps/echo', sourceRoot: 'apps/echo/src', projectType: 'application' });
    tree.write(
      'apps/echo/src/echo.service.ts',
      "import { rawCodec } from '@weir/codecs';\nexport function echoServerOptions() {\n  return { codec: rawCodec(), plugins: [] };\n}\n",
    );
    tree.write('apps/echo/src/main.ts', "import { runService } from '@weir/core';\n");
    await pluginGenerator(tree, { name: 'echo', project: 'echo' });
    expect(tree.read('apps/echo/src/echo.service.ts', 'utf-8')).toContain('plugins: [EchoPlugin]');
    expect(tree.read('apps/echo/src/echo.plugin.ts', 'utf-8')).toContain("@Handle('message')\n  message(chunk: Buffer): Buffer {");
  });

  describe('refuses, before writing anything,', () => {
    const refuses = async (options: Parameters<typeof pluginGenerator>[1], message: RegExp) => {
      const before = snapshot(tree);
      await expect(pluginGenerator(tree, options)).rejects.toThrow(message);
      expect(snapshot(tree)).toEqual(before);
    };

    it('a name that is not kebab-case', () => refuses({ name: 'Hello', project: 'greeter' }, /--name: 'Hello' is not a kebab-case plugin name/));
    it('an unknown project, naming the applications there are', () =>
      refuses({ name: 'hello', project: 'nope' }, /--project: there is no project 'nope' in this workspace; the applications are: greeter/));
    it('a bad route key', () => refuses({ name: 'hello', project: 'greeter', routes: 'HELLO,no/slash' }, /--routes: 'no\/slash' is not a route key/));
    it('a route another plugin handles', () =>
      refuses({ name: 'ping', project: 'greeter', routes: 'PING' }, /'PING' is already handled by GreeterPlugin in apps\/greeter\/src\/greeter\.plugin\.ts/));
    it('RESP routes that are one command in two spellings', async () => {
      await serviceGenerator(tree, { name: 'cache', codec: 'resp' });
      await refuses({ name: 'strings', project: 'cache', routes: 'get,GET' }, /'GET' is listed twice/);
    });
    it('a route other than message on a raw service', async () => {
      await serviceGenerator(tree, { name: 'pipe', codec: 'raw' });
      await refuses({ name: 'more', project: 'pipe', routes: 'DATA' }, /every chunk goes to route 'message'; use --routes=message/);
    });

    it('a plugin whose files exist', async () => {
      await pluginGenerator(tree, { name: 'hello', project: 'greeter', routes: 'HELLO' });
      await refuses({ name: 'hello', project: 'greeter', routes: 'HI' }, /refusing to overwrite apps\/greeter\/src\/hello\.plugin\.spec\.ts, apps\/greeter\/src\/hello\.plugin\.ts/);
    });

    it('a project with no plugins list', async () => {
      addProjectConfiguration(tree, 'lib', { root: 'libs/lib', sourceRoot: 'libs/lib/src', projectType: 'library' });
      tree.write('libs/lib/src/index.ts', 'export const x = 1;\n');
      await refuses({ name: 'hello', project: 'lib' }, /lib has no 'plugins: \[\.\.\.\]' array under libs\/lib\/src/);
    });
  });
});

describe('handler method names', () => {
  it('are camelCase words of the route key, unique, and never a hook or the constructor', () => {
    expect(methodName('HELLO', new Set())).toBe('hello');
    expect(methodName('CLIENT_LIST', new Set())).toBe('clientList');
    expect(methodName('user.create', new Set())).toBe('userCreate');
    expect(methodName('404', new Set())).toBe('handle404');
    expect(methodName('constructor', new Set())).toBe('handleConstructor');
    expect(methodName('on-connect', new Set())).toBe('handleOnConnect');
    expect(methodName('get', new Set(['get']))).toBe('get2');
  });
});
