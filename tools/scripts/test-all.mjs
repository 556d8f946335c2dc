#!/usr/bin/env node
// `npm test`: typecheck, lint and test every project through Nx, then print one
// closing line, `N passed, N failed`, summed from Jest's own JSON results.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureRedisServer } from './ensure-redis.mjs';

ensureRedisServer();
const reports = join('reports', 'jest');
rmSync(reports, { recursive: true, force: true });
const run = spawnSync(
  'npx',
  ['nx', 'run-many', '-t', 'typecheck', 'lint', 'test', '--parallel=2', '--output-style=stream-without-prefixes', ...process.argv.slice(2)],
  { stdio: 'inherit' },
);

let passed = 0;
let failed = 0;
for (const file of existsSync(reports) ? readdirSync(reports) : []) {
  if (!file.endsWith('.json')) continue;
  const result = JSON.parse(readFileSync(join(reports, file), 'utf8'));
  passed += result.numPassedTests;
  // A suite that fails to load has no failed test of its own: count it as one.
  failed += result.numFailedTests + result.numRuntimeErrorTestSuites;
}
const status = run.status === 0 && failed === 0 ? 0 : 1;
if (run.status !== 0 && failed === 0) process.stderr.write('a typecheck, lint or test target failed (see above)\n');
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exit(status);
