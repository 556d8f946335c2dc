// A module of its own (not a script sharing main.ts's global scope).
export {};

/**
 * The ops bench's program, runnable alone (node dist/tools/bench/tools/bench/src/ops/ops-main.js)
 * or through main.ts's `ops` command. Its client and baseline roles run in
 * their own processes; each loads only what it needs, so the node:net
 * baseline loads nothing of Weir.
 */
async function opsMain(argv: readonly string[]): Promise<number> {
  const [role, ...rest] = argv;
  switch (role) {
    case 'baseline-server':
      return (await import('./baseline-server')).baselineServerCommand(rest);
    case 'baseline-fanout-server':
      return (await import('./baseline-fanout-server')).baselineFanoutServerCommand(rest);
    case 'idle-clients':
      return (await import('./idle-clients')).idleClientsCommand(rest);
    case 'fanout-clients':
      return (await import('./fanout-clients')).fanoutClientsCommand(rest);
    default:
      return (await import('./ops-command')).opsCommand(argv);
  }
}

opsMain(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    process.stderr.write(`ops bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
