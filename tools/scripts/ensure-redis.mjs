#!/usr/bin/env node
// kv's differential tests compare its replies with a real redis-server. Install
// one from Debian's packages when it is missing and we may (root, apt-get);
// otherwise say what to do. Those tests fail, not skip, without it.
import { spawnSync } from 'node:child_process';

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

export function ensureRedisServer() {
  if (has('redis-server')) return true;
  if (process.getuid?.() !== 0 || !has('apt-get')) {
    process.stderr.write('redis-server is missing: install it (apt-get install redis-server) for kv\'s differential tests\n');
    return false;
  }
  process.stderr.write('installing redis-server for kv\'s differential tests (apt-get)...\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const run = (args) => spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env }).status === 0;
  return run(['update', '-qq']) && run(['install', '-y', '-qq', 'redis-server', 'redis-tools']) && has('redis-server');
}
