#!/usr/bin/env node
// npm run bench:kv [-- --requests N --clients N --keys N --aof --cold]
//
// kv against a real redis-server, measured in the same run on this machine:
// redis-benchmark -t set,get,incr,lpush,lpop,mset with and without pipelining
// (-P 1 and -P 16), then memory for 1M keys of 100 bytes (kv's RSS against
// Redis's used_memory). Prints a table and writes reports/bench/kv.json.
// Each test also reports the server's CPU time per request (from /proc), a
// figure that other load on the machine disturbs far less than req/s.
// Without redis-benchmark nothing can be measured; without redis-server kv's
// figures are printed alone.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const { values: args } = parseArgs({
  options: {
    requests: { type: 'string', default: '200000' },
    clients: { type: 'string', default: '50' },
    keys: { type: 'string', default: '1000000' },
    aof: { type: 'boolean', default: false },
    'skip-memory': { type: 'boolean', default: false },
    cold: { type: 'boolean', default: false },
  },
});
const TESTS = 'set,get,incr,lpush,lpop,mset';
const TARGETS = { 1: 0.7, 16: 0.5 };

const has = (bin) => spawnSync(bin, ['--version']).status === 0;
if (!has('redis-benchmark')) {
  process.stderr.write('bench:kv needs redis-benchmark (apt-get install redis-tools)\n');
  process.exit(2);
}

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/** Starts a process and waits until its output contains `ready` (a RegExp whose group 1 may be the port). */
function start(command, argv, ready) {
  const child = spawn(command, argv, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((done, fail) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) done({ child, port: match[1] ? Number(match[1]) : undefined });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${command} exited (${code}): ${output}`)));
  });
}

async function stop(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  await exited;
}

async function startKv(dir) {
  const argv = ['dist/apps/kv/main.js', '--port', '0', '--log-level', 'info', '--dir', dir, '--appendonly', args.aof ? 'yes' : 'no'];
  return start(process.execPath, argv, /"url":"tcp:\/\/127\.0\.0\.1:(\d+)"/);
}

async function startRedis(dir) {
  const port = await freePort();
  const argv = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--dir', dir, '--appendonly', args.aof ? 'yes' : 'no'];
  const started = await start('redis-server', argv, /Ready to accept connections/);
  return { ...started, port };
}

/** CPU time (user + system) the process has used, in microseconds. */
function cpuMicros(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 a second).
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/**
 * Runs each test on its own, so the server's CPU time can be charged to it.
 * Each test first runs unmeasured on both servers (as many requests as the
 * measured run, three times as many when pipelined): V8 goes on optimizing
 * kv's hot path for a few hundred thousand requests of a new shape (a read of
 * 16 pipelined commands is not a read of one), a cost a server that runs for
 * days pays once. Redis, compiled ahead of time, gains nothing from it.
 * `--cold` skips it.
 */
function benchmark(port, pid, pipeline) {
  const results = {};
  const run = (test, requests) =>
    execFileSync(
      'redis-benchmark',
      ['-h', '127.0.0.1', '-p', String(port), '-t', test, '-n', String(requests), '-c', args.clients, '-P', String(pipeline), '--csv'],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 16 * 1024 * 1024 },
    );
  const requests = Number(args.requests);
  for (const test of TESTS.split(',')) {
    if (!args.cold) run(test, pipeline > 1 ? 3 * requests : requests);
    const before = cpuMicros(pid);
    const out = run(test, requests);
    const cpu = cpuMicros(pid) - before;
    const [name, rps] = out.trim().split('\n')[1].split(',').map((cell) => cell.replace(/"/g, ''));
    results[name.split(' ')[0]] = { rps: Number(rps), cpuMicrosPerRequest: cpu / Number(args.requests) };
  }
  return results;
}

/** Sends `count` SETs of `size`-byte values over one connection, pipelined, and waits for every reply. */
function load(port, count, size) {
  const value = 'x'.repeat(size);
  return new Promise((done, fail) => {
    const socket = connect(port, '127.0.0.1');
    let replies = 0;
    let sent = 0;
    const batch = 10_000;
    const sendBatch = () => {
      let chunk = '';
      const end = Math.min(sent + batch, count);
      for (; sent < end; sent++) {
        const key = `key:${String(sent).padStart(12, '0')}`;
        chunk += `*3\r\n$3\r\nSET\r\n$${key.length}\r\n${key}\r\n$${size}\r\n${value}\r\n`;
      }
      socket.write(chunk);
    };
    socket.on('data', (data) => {
      for (const byte of data) if (byte === 10) replies++;
      if (replies === count) {
        socket.end();
        done();
      } else if (replies === sent && sent < count) {
        sendBatch();
      }
    });
    socket.on('error', fail);
    socket.on('connect', sendBatch);
  });
}

function info(port, section) {
  const out = execFileSync('redis-cli', ['-h', '127.0.0.1', '-p', String(port), 'INFO', section], { encoding: 'utf8' });
  return Object.fromEntries(out.split(/\r?\n/).filter((l) => l.includes(':')).map((l) => l.split(':')));
}

function rssBytes(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)[1]) * 1024;
}

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main() {
  process.stdout.write('building kv...\n');
  execFileSync(process.execPath, ['tools/scripts/build-app.mjs', 'apps/kv'], { cwd: root, stdio: 'inherit' });
  const withRedis = has('redis-server');
  const dir = mkdtempSync(join(tmpdir(), 'bench-kv-'));
  const report = { date: new Date().toISOString(), node: process.version, aof: args.aof, warmedUp: !args.cold, requests: Number(args.requests), clients: Number(args.clients), throughput: [], memory: undefined };
  try {
    for (const pipeline of [1, 16]) {
      const kv = await startKv(join(dir, `kv-${pipeline}`));
      const kvResults = benchmark(kv.port, kv.child.pid, pipeline);
      await stop(kv.child);
      let redisResults = {};
      if (withRedis) {
        const redis = await startRedis(mkdirp(join(dir, `redis-${pipeline}`)));
        redisResults = benchmark(redis.port, redis.child.pid, pipeline);
        await stop(redis.child);
      }
      for (const [test, kvRun] of Object.entries(kvResults)) {
        const redisRun = redisResults[test];
        report.throughput.push({
          test,
          pipeline,
          kv: kvRun.rps,
          redis: redisRun?.rps,
          ratio: redisRun ? kvRun.rps / redisRun.rps : undefined,
          target: TARGETS[pipeline],
          kvCpuMicrosPerRequest: kvRun.cpuMicrosPerRequest,
          redisCpuMicrosPerRequest: redisRun?.cpuMicrosPerRequest,
        });
      }
    }
    if (!args['skip-memory']) {
      const keys = Number(args.keys);
      const kv = await startKv(join(dir, 'kv-memory'));
      await load(kv.port, keys, 100);
      const kvRss = rssBytes(kv.child.pid);
      const kvKeys = Number(/keys=(\d+)/.exec(info(kv.port, 'keyspace').db0 ?? '')?.[1] ?? 0);
      await stop(kv.child);
      report.memory = { keys, valueBytes: 100, kvKeys, kvRss };
      if (withRedis) {
        const redis = await startRedis(mkdirp(join(dir, 'redis-memory')));
        await load(redis.port, keys, 100);
        const redisUsed = Number(info(redis.port, 'memory').used_memory);
        report.memory.redisUsedMemory = redisUsed;
        report.memory.redisRss = rssBytes(redis.child.pid);
        report.memory.ratio = kvRss / redisUsed;
        await stop(redis.child);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  print(report);
  const out = join(root, 'reports/bench/kv.json');
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`\nresults written to ${out}\n`);
}

function mkdirp(path) {
  mkdirSync(path, { recursive: true });
  return path;
}

function print(report) {
  const rows = [['test', '-P', 'kv req/s', 'redis req/s', 'ratio', 'target', 'kv cpu/req', 'redis cpu/req']];
  const us = (v) => (v === undefined ? '-' : `${v.toFixed(2)}us`);
  for (const r of report.throughput) {
    rows.push([
      r.test,
      String(r.pipeline),
      r.kv.toFixed(0),
      r.redis ? r.redis.toFixed(0) : '-',
      r.ratio ? r.ratio.toFixed(2) : '-',
      `>=${r.target}${r.ratio === undefined ? '' : r.ratio >= r.target ? ' ok' : ' MISS'}`,
      us(r.kvCpuMicrosPerRequest),
      us(r.redisCpuMicrosPerRequest),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const warm = report.warmedUp ? 'each test warmed up by an unmeasured run first' : 'cold (no warm-up run)';
  process.stdout.write(`\nkv vs redis-server, ${report.requests} requests, ${report.clients} clients, AOF ${report.aof ? 'everysec on both' : 'off on both'}, ${warm}\n`);
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i])).join('  ')}\n`);
  const m = report.memory;
  if (m) {
    process.stdout.write(`\nmemory for ${m.keys} keys of ${m.valueBytes} bytes (kv holds ${m.kvKeys}): kv RSS ${mb(m.kvRss)}`);
    if (m.redisUsedMemory) process.stdout.write(`, redis used_memory ${mb(m.redisUsedMemory)} (RSS ${mb(m.redisRss)}), ratio ${m.ratio.toFixed(2)}x`);
    process.stdout.write('\n');
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
