/** Upper bound for anything a fault test waits on; never a speed assertion. */
export const EVENTUALLY_MS = 20_000;

/** Resolves once `check` holds, polling; rejects after `ms` naming `what`. */
export async function until(check: () => boolean, what: string, ms = EVENTUALLY_MS): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Runs `job(0)` … `job(total - 1)`, at most `parallel` at a time, each worker taking the next number when it is done. */
export async function runConcurrently(total: number, parallel: number, job: (n: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < total) await job(next++);
  };
  await Promise.all(Array.from({ length: parallel }, worker));
}
