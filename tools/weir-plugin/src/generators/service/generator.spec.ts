import { readProjectConfiguration, type Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { CODEC_NAMES } from '../../utils/codecs';
import { portForName } from '../../utils/validation';
import { serviceGenerator } from './generator';

/** A workspace tree like ours: no formatter configured, so files stay as the templates write them. */
function emptyWorkspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  tree.delete('.oxfmtrc.json');
  return tree;
}

/** Paths changed since `before`, to show that a refused run wrote nothing. */
function changedSince(tree: Tree, before: readonly string[]): string[] {
  return tree
    .listChanges()
    .map((change) => `${change.type} ${change.path}`)
    .filter((change) => !before.includes(change));
}

const snapshot = (tree: Tree) => tree.listChanges().map((change) => `${change.type} ${change.path}`);

describe('service generator', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = emptyWorkspace();
  });

  it('creates an app like apps/echo: main, service, example plugin, specs and configuration', async () => {
    await serviceGenerator(tree, { name: 'greeter', codec: 'lines' });
    const files = tree.listChanges().map((change) => change.path).filter((path) => path.startsWith('apps/'));
    expect(files.sort()).toEqual([
      'apps/greeter/jest.config.cjs',
      'apps/greeter/project.json',
      'apps/greeter/src/greeter.plugin.spec.ts',
      'apps/greeter/src/greeter.plugin.ts',
      'apps/greeter/src/greeter.service.spec.ts',
      'apps/greeter/src/greeter.service.ts',
      'apps/greeter/src/main.ts',
      'apps/greeter/tsconfig.app.json',
      'apps/greeter/tsconfig.json',
      'apps/greeter/tsconfig.spec.json',
    ]);
    expect(tree.read('apps/greeter/src/main.ts', 'utf-8')).toContain('void runService(greeterService);');
    expect(tree.read('apps/greeter/jest.config.cjs', 'utf-8')).toContain("require('../../jest.preset.cjs')(__dirname)");
    expect(JSON.parse(tree.read('apps/greeter/tsconfig.json', 'utf-8') ?? '')).toMatchObject({ extends: '../../tsconfig.base.json' });
  });

  it('registers the example plugin in the service and gives the spec something to ask', async () => {
    await serviceGenerator(tree, { name: 'greeter', codec: 'lines' });
    const service = tree.read('apps/greeter/src/greeter.service.ts', 'utf-8') ?? '';
    expect(service).toContain("import { GreeterPlugin } from './greeter.plugin';");
    expect(service).toContain('plugins: [GreeterPlugin],');
    expect(service).toContain('codec: linesCodec(),');
    expect(service).toContain(`export const GREETER_DEFAULT_PORT = ${portForName('greeter')};`);
    expect(tree.read('apps/greeter/src/greeter.plugin.ts', 'utf-8')).toContain("@Handle('PING')");
    expect(tree.read('apps/greeter/src/greeter.service.spec.ts', 'utf-8')).toContain("expect(await client.request('PING')).toBe('OK PING');");
  });

  it('configures build, serve, test, lint and typecheck targets', async () => {
    await serviceGenerator(tree, { name: 'greeter' });
    const project = readProjectConfiguration(tree, 'greeter');
    expect(project).toMatchObject({
      root: 'apps/greeter',
      sourceRoot: 'apps/greeter/src',
      projectType: 'application',
      tags: ['layer:app'],
    });
    expect(project.targets?.['build']).toEqual({
      executor: 'nx:run-commands',
      outputs: ['{workspaceRoot}/dist/apps/greeter'],
      options: { command: 'node tools/scripts/build-app.mjs apps/greeter' },
    });
    expect(project.targets?.['serve']).toMatchObject({ dependsOn: ['build'], continuous: true, options: { command: 'node dist/apps/greeter/main.js' } });
    expect(project.targets?.['test']).toEqual({});
    expect(project.targets?.['lint']).toEqual({});
    expect(project.targets?.['typecheck']).toEqual({});
  });

  it('takes --port and --directory, with paths back to the root worked out for the depth', async () => {
    await serviceGenerator(tree, { name: 'gate', codec: 'resp', port: 6390, directory: 'services/edge/gate' });
    expect(tree.read('services/edge/gate/src/gate.service.ts', 'utf-8')).toContain('export const GATE_DEFAULT_PORT = 6390;');
    expect(tree.read('services/edge/gate/tsconfig.json', 'utf-8')).toContain('"extends": "../../../tsconfig.base.json"');
    expect(tree.read('services/edge/gate/jest.config.cjs', 'utf-8')).toContain("require('../../../jest.preset.cjs')");
    const project = readProjectConfiguration(tree, 'gate');
    expect(project.targets?.['build'].options).toEqual({ command: 'node tools/scripts/build-app.mjs services/edge/gate' });
    expect(project.targets?.['serve'].options).toEqual({ command: 'node dist/services/edge/gate/main.js' });
  });

  it.each(CODEC_NAMES)('writes a %s service that calls its codec and registers its example plugin', async (codec) => {
    await serviceGenerator(tree, { name: 'svc', codec });
    const service = tree.read('apps/svc/src/svc.service.ts', 'utf-8') ?? '';
    const factory = { lines: 'linesCodec()', 'json-lines': 'jsonLinesCodec<JsonMessage>()', 'length-prefixed': 'lengthPrefixedCodec()', raw: 'rawCodec()', resp: 'respServerCodec()' }[codec];
    expect(service).toContain(`codec: ${factory},`);
    expect(service).toContain('plugins: [SvcPlugin],');
    expect(tree.exists('apps/svc/src/svc.plugin.spec.ts')).toBe(true);
    expect(tree.exists('apps/svc/src/svc.service.spec.ts')).toBe(true);
  });

  describe('refuses, before writing anything,', () => {
    const refuses = async (options: Parameters<typeof serviceGenerator>[1], message: RegExp) => {
      const before = snapshot(tree);
      await expect(serviceGenerator(tree, options)).rejects.toThrow(message);
      expect(changedSince(tree, before)).toEqual([]);
    };

    it('a name that is not kebab-case', () => refuses({ name: 'My_Service' }, /--name: 'My_Service' is not a kebab-case service name/));
    it('an unknown codec', () => refuses({ name: 'x', codec: 'xml' as never }, /--codec: 'xml' is not one of lines, json-lines/));
    it('a port out of range', () => refuses({ name: 'x', port: 70000 }, /--port: expected a whole number from 1 to 65535, got '70000'/));
    it('a directory outside the workspace', () => refuses({ name: 'x', directory: '../x' }, /--directory: '\.\.\/x' must be a folder inside/));

    it('a name another project has', async () => {
      await serviceGenerator(tree, { name: 'greeter' });
      await refuses({ name: 'greeter', directory: 'apps/other' }, /a project named 'greeter' already exists \(in apps\/greeter\)/);
    });

    it('a folder that already has files', async () => {
      tree.write('apps/greeter/notes.md', 'mine');
      await refuses({ name: 'greeter' }, /refusing to overwrite apps\/greeter: it already has files/);
      expect(tree.read('apps/greeter/notes.md', 'utf-8')).toBe('mine');
    });
  });
});
