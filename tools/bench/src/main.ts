/**
 * The bench's one program: `server` runs one benchmark server alone, `chart`
 * redraws an SVG, `ops` measures idle-connection memory and chat fan-out, `profile-summary` reads a --cpu-prof file; anything else
 * runs the benchmark.
 *
 * Commands are loaded on demand: a hand-written server started as
 * `main.js server --kind raw-echo` then loads node:net and nothing of Weir,
 * so its memory and startup are a fair baseline.
 */
async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'server':
      return (await import('./servers/serve-command')).serveCommand(rest);
    case 'chart':
      return (await import('./report/chart-command')).chartCommand(rest);
    case 'ops':
      return (await import('./ops/ops-command')).opsCommand(rest);
    case 'profile-summary':
      return (await import('./profile/cpu-profile-summary')).profileSummaryCommand(rest);
    default:
      return (await import('./suite/bench-command')).benchCommand(argv);
  }
}

main(process.argv.slice(2)).then(
  (status) => process.exit(status),
  (error: unknown) => {
    // process.exit runs the bench's exit handler, which kills its servers by PID.
    process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
