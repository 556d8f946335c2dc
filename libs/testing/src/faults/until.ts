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
