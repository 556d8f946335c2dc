import { killClients } from './client-process';
import { fanoutBench, type FanoutBenchResult } from './fanout-bench';
import { fdLimits } from './fd-limit';
import { idleBench, type IdleResult } from './idle-bench';
import { fanoutTable, idleTable } from './ops-report';
import { OPS_USAGE, parseOpsOptions, type OpsOptions } from './ops-options';
import { killServers } from './server-process';

const say = (line: string) => process.stdout.write(`${line}\n`);

/** However the run ends, every process it started is killed by PID. */
function guard(): void {
  const killAll = () => {
    killClients();
    killServers();
  };
  process.on('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      killAll();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    });
  }
}

async function run(options: OpsOptions): Promise<void> {
  const limits = fdLimits();
  say(`ops bench: ${new Date().toISOString()}, node ${process.version}; open files: soft ${limits?.soft ?? '?'}, hard ${limits?.hard ?? '?'}`);
  const idle: IdleResult[] = [];
  const fanout: FanoutBenchResult[] = [];
  if (options.what !== 'fanout') {
    say(`\nidle connections (${options.count.toLocaleString('en-US')} per server):`);
    for (const server of options.servers) idle.push(await idleBench(server, options, say));
    say(`\n${idleTable(idle)}`);
  }
  if (options.what !== 'idle') {
    say('\nchat fan-out (the same client against a hand-written node:net relay, then chat):');
    for (const server of ['node:net', 'chat'] as const) fanout.push(await fanoutBench(server, options, say));
    say(`\n${fanoutTable(fanout)}`);
  }
  if (options.json) say(`\n${JSON.stringify({ idle, fanout }, null, 2)}`);
}

/** `ops idle|fanout|all [flags]`: resolves to the exit status. */
export async function opsCommand(argv: readonly string[]): Promise<number> {
  let options: OpsOptions;
  try {
    options = parseOpsOptions(argv);
  } catch (error) {
    process.stderr.write(`ops bench: ${(error as Error).message}\n\n${OPS_USAGE}`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(OPS_USAGE);
    return 0;
  }
  guard();
  await run(options);
  return 0;
}
