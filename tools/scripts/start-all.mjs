#!/usr/bin/env node
// `npm start`: builds every app and runs them side by side on their default ports
// (echo 7007, chat 6667, kv 6380), prints where each listens, and stops them all
// on Ctrl-C. Apps that do not exist yet are skipped.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';

const apps = ['echo', 'chat', 'kv'].filter((app) => existsSync(`apps/${app}/project.json`));
const build = spawnSync('npx', ['nx', 'run-many', '-t', 'build', `--projects=${apps.join(',')}`, '--output-style=static'], {
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (build.status !== 0) {
  process.stderr.write('build failed: run `npx nx run-many -t build` to see why\n');
  process.exit(build.status ?? 1);
}

const children = apps.map((app) => {
  const child = spawn(process.execPath, [`dist/apps/${app}/main.js`, ...process.argv.slice(2)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  // Logs are JSON lines: show each app's address plainly, pass the rest through.
  createInterface({ input: child.stdout }).on('line', (line) => {
    try {
      const record = JSON.parse(line);
      if (record.url && record.msg?.endsWith('ready')) process.stdout.write(`${app.padEnd(5)} listening on ${record.url}\n`);
      else process.stdout.write(`${app.padEnd(5)} ${line}\n`);
    } catch {
      process.stdout.write(`${app.padEnd(5)} ${line}\n`);
    }
  });
  child.on('exit', (code) => {
    process.stdout.write(`${app} exited (${code})\n`);
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(0);
  });
  return child;
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => children.forEach((child) => child.kill('SIGTERM')));
}
