#!/usr/bin/env node
// `npm run <app> -- [flags]`: builds the app (Nx caches it) and runs it in the
// foreground, passing flags and signals through and exiting with its status.
import { spawn, spawnSync } from 'node:child_process';

const [app, ...flags] = process.argv.slice(2);
const build = spawnSync('npx', ['nx', 'run', `${app}:build`, '--output-style=static'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (build.status !== 0) {
  process.stderr.write(`building ${app} failed: run \`npx nx build ${app}\` to see why\n`);
  process.exit(build.status ?? 1);
}
const child = spawn(process.execPath, [`dist/apps/${app}/main.js`, ...flags], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
