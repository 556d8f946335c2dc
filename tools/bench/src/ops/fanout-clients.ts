import type * as net from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { LatencyHistogram } from '../load/latency-histogram';
import { closeOrdered, report } from './client-process';
import { IrcLines } from './irc-lines';
import { inWaves, openSocket, waitForText } from './sockets';

export interface FanoutSettings {
  readonly port: number;
  readonly members: number;
  /** Messages per second the sender says in the channel. */
  readonly rate: number;
  readonly seconds: number;
  /** Messages sent back to back afterwards, for the most the server can deliver. */
  readonly burst: number;
}

export interface FanoutResult {
  readonly members: number;
  readonly paced: {
    readonly sent: number;
    readonly delivered: number;
    /** Members whose latency was measured. */
    readonly probes: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly maxMs: number;
    readonly deliveriesPerSec: number;
    /** The client's own event-loop delay over the paced phase, p99: what of the latency may be the client's. */
    readonly clientLagP99Ms: number;
  };
  readonly burst: { readonly sent: number; readonly delivered: number; readonly seconds: number; readonly deliveriesPerSec: number };
  /** The client process's own CPU over the measured phases, as a share of one core. */
  readonly clientCpuShare: number;
}

const CHANNEL = '#fanout';
/**
 * Latency is measured on every PROBE_EVERY-th member. The others read only in
 * short windows, DRAIN_EVERY_MS apart: one client process reading 1,000
 * sockets a hundred times a second measures its own backlog, not the server.
 * Between windows their lines wait in the kernel; the windows keep that to a
 * few dozen small segments per socket (left alone, a full receive queue makes
 * the kernel collapse it, slowing everyone), and every line is still counted.
 * The client's own event-loop delay is reported beside the latency: when it
 * is as large, the latency is the client's (or the machine's), not the server's.
 */
const PROBE_EVERY = 20;
const DRAIN_EVERY_MS = 250;
const DRAIN_FOR_MS = 30;
const now = () => performance.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Counts deliveries and, on probes, the latency of paced messages: each line carries its send time. */
class Deliveries {
  readonly latency = new LatencyHistogram();
  paced = 0;
  burst = 0;
  lastAt = 0;
  bytes = 0;

  listen(socket: net.Socket, probe: boolean): void {
    const lines = new IrcLines();
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      this.bytes += chunk.length;
      lines.push(chunk, (line) => {
        const at = line.indexOf(` PRIVMSG ${CHANNEL} :`);
        if (at === -1) return;
        const body = line.slice(at + CHANNEL.length + 11);
        if (body.startsWith('p ')) {
          this.paced++;
          if (probe) this.latency.record(Math.round(now() * 1000) - Number(body.slice(body.lastIndexOf(' ') + 1)));
        } else if (body.startsWith('b ')) {
          this.burst++;
        }
        this.lastAt = now();
      });
    });
  }
}

async function member(port: number, nick: string): Promise<net.Socket> {
  const socket = await openSocket(port);
  socket.write(`NICK ${nick}\r\nUSER ${nick} 0 * :${nick}\r\nJOIN ${CHANNEL}\r\n`);
  await waitForText(socket, (text) => text.includes(` 366 ${nick} ${CHANNEL} `));
  return socket;
}

/** Waits until no member has received anything for `quietMs` (the JOIN storm is over); bounded. */
async function quiet(deliveries: Deliveries, quietMs: number, maxMs: number): Promise<void> {
  const deadline = now() + maxMs;
  let last = -1;
  while (now() < deadline) {
    if (deliveries.bytes === last) return;
    last = deliveries.bytes;
    await sleep(quietMs);
  }
}

/** `count` lines at `rate` a second, each on its own schedule (catching up if a timer fires late), each carrying its send time in µs. */
async function sayPaced(sender: net.Socket, tag: string, count: number, rate: number): Promise<void> {
  const start = now();
  for (let k = 0; k < count; k++) {
    const due = start + (k * 1000) / rate;
    if (due > now()) await sleep(due - now());
    sender.write(`PRIVMSG ${CHANNEL} :${tag} ${k} ${Math.round(now() * 1000)}\r\n`);
  }
}

async function until(check: () => boolean, maxMs: number): Promise<void> {
  const deadline = now() + maxMs;
  while (!check() && now() < deadline) await sleep(5);
}

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

export async function runFanout(settings: FanoutSettings): Promise<{ result: FanoutResult; sockets: net.Socket[] }> {
  const deliveries = new Deliveries();
  const members = await inWaves(settings.members, 100, async (i) => {
    const socket = await member(settings.port, `m${i}`);
    deliveries.listen(socket, i % PROBE_EVERY === 0 || i === settings.members - 1);
    return socket;
  });
  const sender = await member(settings.port, 'sender');
  sender.resume();
  await quiet(deliveries, 500, 60_000);

  // A second of the same load first, not measured: JIT and buffers warm up on both sides.
  await sayPaced(sender, 'w', settings.rate, settings.rate);
  await quiet(deliveries, 200, 10_000);

  const total = Math.round(settings.rate * settings.seconds);
  const cpuBefore = cpuMs();
  report({ type: 'phase', name: 'paced' });
  const resting = members.filter((_, i) => !(i % PROBE_EVERY === 0 || i === settings.members - 1));
  for (const socket of resting) socket.pause();
  const draining = setInterval(() => {
    for (const socket of resting) socket.resume();
    setTimeout(() => {
      for (const socket of resting) socket.pause();
    }, DRAIN_FOR_MS);
  }, DRAIN_EVERY_MS);
  const lag = monitorEventLoopDelay({ resolution: 1 });
  lag.enable();
  const start = now();
  await sayPaced(sender, 'p', total, settings.rate);
  const probes = settings.members - resting.length;
  await until(() => deliveries.latency.count >= total * probes, 10_000);
  const pacedSeconds = (deliveries.lastAt - start) / 1000;
  lag.disable();
  report({ type: 'phase', name: 'paced-done' });
  clearInterval(draining);
  await sleep(DRAIN_FOR_MS);
  for (const socket of resting) socket.resume();
  await until(() => deliveries.paced >= total * settings.members, 30_000);

  // Burst: everything at once; throughput from the first write to the last delivery.
  await quiet(deliveries, 200, 10_000);
  report({ type: 'phase', name: 'burst' });
  const burstStart = now();
  let text = '';
  for (let k = 0; k < settings.burst; k++) text += `PRIVMSG ${CHANNEL} :b ${k}\r\n`;
  sender.write(text);
  await until(() => deliveries.burst >= settings.burst * settings.members, 60_000);
  const burstSeconds = (deliveries.lastAt - burstStart) / 1000;
  report({ type: 'phase', name: 'burst-done' });
  const cpuShare = (cpuMs() - cpuBefore) / (now() - start);

  const latency = deliveries.latency;
  return {
    sockets: [...members, sender],
    result: {
      members: settings.members,
      paced: {
        sent: total,
        delivered: deliveries.paced,
        probes,
        p50Ms: latency.percentile(50) / 1000,
        p99Ms: latency.percentile(99) / 1000,
        maxMs: latency.max / 1000,
        // What the probes saw, scaled to every member: the rate the server delivered at.
        deliveriesPerSec: (latency.count * (settings.members / probes)) / pacedSeconds,
        clientLagP99Ms: lag.percentile(99) / 1e6,
      },
      burst: {
        sent: settings.burst,
        delivered: deliveries.burst,
        seconds: burstSeconds,
        deliveriesPerSec: deliveries.burst / burstSeconds,
      },
      clientCpuShare: cpuShare,
    },
  };
}

/** Client role `fanout-clients --port P --members N --rate R --seconds S --burst B`. */
export async function fanoutClientsCommand(argv: readonly string[]): Promise<number> {
  const arg = (name: string) => Number(argv[argv.indexOf(`--${name}`) + 1]);
  try {
    const { result, sockets } = await runFanout({
      port: arg('port'),
      members: arg('members'),
      rate: arg('rate'),
      seconds: arg('seconds'),
      burst: arg('burst'),
    });
    report({ type: 'result', result });
    await closeOrdered();
    for (const socket of sockets) socket.destroy();
    return 0;
  } catch (error) {
    report({ type: 'failed', message: (error as Error).message });
    return 1;
  }
}
