#!/usr/bin/env node
// Builds one app into dist/<appRoot>/ so that `node dist/<appRoot>/main.js` runs it.
// tsc compiles the app with the libs it imports (honouring emitDecoratorMetadata,
// which tsyringe needs and esbuild lacks); tsc-alias turns the @weir/* path aliases
// into relative requires; a one-line main.js points at the compiled entry point.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const [appRoot] = process.argv.slice(2);
if (!appRoot) {
  process.stderr.write('usage: build-app.mjs <app folder, e.g. apps/echo>\n');
  process.exit(2);
}
const outDir = join('dist', appRoot);
const tsconfig = join(appRoot, 'tsconfig.app.json');
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const bin = (name) => join('node_modules', '.bin', name);
execFileSync(bin('tsc'), ['-p', tsconfig, '--outDir', outDir], { stdio: 'inherit' });
execFileSync(bin('tsc-alias'), ['-p', tsconfig, '--outDir', outDir], { stdio: 'inherit' });
writeFileSync(join(outDir, 'main.js'), `require('./${appRoot}/src/main.js');\n`);
