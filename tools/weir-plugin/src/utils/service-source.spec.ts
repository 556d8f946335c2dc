import { codecsCalled, countPluginLists, handledRoutes, registerPlugin } from './service-source';
import { GeneratorInputError } from './validation';

const register = (text: string) => registerPlugin('svc.service.ts', text, 'HelloPlugin', './hello.plugin');

describe('registerPlugin', () => {
  it('fills an empty plugins array and imports the class after the last import', () => {
    const text = [
      "import { linesCodec } from '@weir/codecs';",
      "import type { ServerOptions } from '@weir/core';",
      '',
      'export const options: ServerOptions<string, string> = { codec: linesCodec(), plugins: [] };',
      '',
    ].join('\n');
    expect(register(text)).toBe(
      [
        "import { linesCodec } from '@weir/codecs';",
        "import type { ServerOptions } from '@weir/core';",
        "import { HelloPlugin } from './hello.plugin';",
        '',
        'export const options: ServerOptions<string, string> = { codec: linesCodec(), plugins: [HelloPlugin] };',
        '',
      ].join('\n'),
    );
  });

  it('appends to a one-line array', () => {
    const text = "import { A } from './a';\nconst o = { plugins: [A, B] };\n";
    expect(register(text)).toContain('plugins: [A, B, HelloPlugin]');
  });

  it('appends to an array written one element a line, with or without a trailing comma', () => {
    const withComma = "import { A } from './a';\nconst o = {\n  plugins: [\n    A,\n    B,\n  ],\n};\n";
    expect(register(withComma)).toContain('  plugins: [\n    A,\n    B,\n    HelloPlugin,\n  ],');
    const without = "import { A } from './a';\nconst o = {\n  plugins: [\n    A,\n    B\n  ],\n};\n";
    expect(register(without)).toContain('  plugins: [\n    A,\n    B,\n    HelloPlugin\n  ],');
  });

  it('finds a `const plugins = [...]` used as shorthand, and adds the first import to a file with none', () => {
    const text = 'const plugins = [A];\nexport const server = createServer({ plugins });\n';
    expect(register(text)).toBe(
      "import { HelloPlugin } from './hello.plugin';\nconst plugins = [A, HelloPlugin];\nexport const server = createServer({ plugins });\n",
    );
  });

  it('is not fooled by comments or strings that mention plugins', () => {
    const text = [
      '// plugins: [Old] was here',
      "const note = 'plugins: [X]';",
      '/* plugins: [] */',
      'export const o = { plugins: [A] };',
      '',
    ].join('\n');
    const result = register(text);
    expect(result).toContain('// plugins: [Old] was here');
    expect(result).toContain("'plugins: [X]'");
    expect(result).toContain('/* plugins: [] */');
    expect(result).toContain('plugins: [A, HelloPlugin]');
  });

  it('refuses a file with no plugins array, or with two', () => {
    expect(() => register('export const o = { codec: linesCodec() };\n')).toThrow(/no 'plugins: \[\.\.\.\]' array/);
    expect(() => register('const a = { plugins: [A] };\nconst b = { plugins: [B] };\n')).toThrow(/2 'plugins: \[\.\.\.\]' arrays/);
    expect(() => register('const o = { plugins: makePlugins() };\n')).toThrow(GeneratorInputError);
  });

  it('refuses a class name the file already uses', () => {
    const text = "import { HelloPlugin } from './elsewhere';\nconst o = { plugins: [] };\n";
    expect(() => register(text)).toThrow(/already has something named HelloPlugin/);
  });
});

describe('reading a service', () => {
  it('counts plugins arrays', () => {
    expect(countPluginLists('a.ts', 'const o = { plugins: [A] };')).toBe(1);
    expect(countPluginLists('a.ts', '// plugins: [A]')).toBe(0);
    expect(countPluginLists('a.ts', 'const x = 1;')).toBe(0);
  });

  it('names the codecs a file calls', () => {
    expect(codecsCalled('a.ts', 'const o = { codec: linesCodec() };')).toEqual(['lines']);
    expect(codecsCalled('a.ts', 'const o = { codec: respServerCodec({ maxBulkLength: 10 }) };')).toEqual(['resp']);
    expect(codecsCalled('a.ts', 'const c = ircCodec(); // linesCodec()')).toEqual([]);
    expect(codecsCalled('a.ts', 'rawCodec(); jsonLinesCodec();').sort()).toEqual(['json-lines', 'raw']);
  });

  it("lists the route keys a file's classes handle", () => {
    const text = [
      '@Plugin()',
      'class Strings {',
      "  @Handle('GET') get() {}",
      "  @Handle('SET', 'SETNX') set() {}",
      '}',
      'class Other { @Handle(`PING`) ping() {} }',
    ].join('\n');
    expect(handledRoutes('a.ts', text)).toEqual([
      { route: 'GET', className: 'Strings' },
      { route: 'SET', className: 'Strings' },
      { route: 'SETNX', className: 'Strings' },
      { route: 'PING', className: 'Other' },
    ]);
  });
});
