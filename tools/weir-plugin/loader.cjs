// Entry point Nx loads for the generators (generators.json points here).
//
// Nx runs local TypeScript plugins through @swc-node/register or ts-node, and
// this workspace has neither (Node 20 cannot strip types either). Rather than
// add a dependency, this file compiles the plugin's own .ts sources with the
// `typescript` package the workspace already has. Built output (dist), where
// src/index.js exists, is loaded as plain JavaScript.
const { existsSync, readFileSync } = require('node:fs');
const { join, sep } = require('node:path');

const compiled = join(__dirname, 'src', 'index.js');
if (!existsSync(compiled)) registerTypeScript(join(__dirname, 'src') + sep);
module.exports = require(existsSync(compiled) ? compiled : join(__dirname, 'src', 'index.ts'));

/** Compiles .ts files under `root` on require; any other .ts file goes to whoever handled it before. */
function registerTypeScript(root) {
  // Nx may load the generators more than once in a process; register once.
  const previous = require.extensions['.ts'];
  if (previous && previous.weirPluginRoot === root) return;
  const ts = require('typescript');
  const compile = (module, filename) => {
    // Only our own sources: any other .ts file is left to whatever handled it before (or to Node's default).
    if (!filename.startsWith(root)) {
      return (previous ?? require.extensions['.js'])(module, filename);
    }
    const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        inlineSourceMap: true,
      },
    });
    module._compile(outputText, filename);
  };
  compile.weirPluginRoot = root;
  require.extensions['.ts'] = compile;
}
