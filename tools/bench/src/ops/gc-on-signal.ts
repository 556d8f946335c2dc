// Preloaded (node --expose-gc --require) into the servers the ops bench
// measures: SIGUSR2 runs a full collection, so the RSS sampled next is live
// memory, not garbage a lazy collector has not yet reclaimed. Loaded the same
// way into every server, the hand-written one included, so it is fair.
const collect = (globalThis as { gc?: () => void }).gc;
process.on('SIGUSR2', () => collect?.());
