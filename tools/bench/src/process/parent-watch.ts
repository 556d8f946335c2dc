// Preloaded (node --require) into every server the bench starts. The bench
// holds the write end of this process's stdin; when it goes away for any
// reason, SIGKILL included, stdin ends and the server exits with it, so no
// server outlives the run that started it.
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
