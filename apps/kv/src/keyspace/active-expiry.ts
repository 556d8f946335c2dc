import type { Keyspace } from './keyspace';

/** Keys looked at per database per round, as Redis's ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP. */
const SAMPLES_PER_ROUND = 20;
/** Another round while more than this share of a sample had expired. */
const REPEAT_ABOVE = 0.25;

export interface ActiveExpiryOptions {
  /** Cycles a second (Redis's hz). */
  readonly hz?: number;
  /** Most milliseconds one cycle may take, so clients wait at most this long. */
  readonly budgetMs?: number;
}

/**
 * Deletes expired keys nobody touches, the way Redis's active expiry cycle
 * does: each tick samples keys that have a TTL in every database, deletes the
 * expired ones, and samples again while the sample was mostly expired, within
 * a time budget. Lazy expiry (on access) catches the rest.
 */
export class ActiveExpiry {
  private timer: NodeJS.Timeout | undefined;
  private nextDb = 0;
  private readonly hz: number;
  private readonly budgetMs: number;

  constructor(
    private readonly keyspace: Keyspace,
    options: ActiveExpiryOptions = {},
  ) {
    this.hz = options.hz ?? 10;
    this.budgetMs = options.budgetMs ?? 2;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.cycle(), Math.round(1000 / this.hz));
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One cycle; returns how many keys it deleted. */
  cycle(): number {
    if (this.keyspace.loading) return 0;
    const started = performance.now();
    const databases = this.keyspace.databases;
    let deleted = 0;
    for (let n = 0; n < databases; n++) {
      const table = this.keyspace.table(this.nextDb);
      this.nextDb = (this.nextDb + 1) % databases;
      let rounds = 0;
      for (;;) {
        const { checked, expired } = table.sampleExpired(SAMPLES_PER_ROUND);
        deleted += expired;
        rounds++;
        if (checked === 0 || expired <= checked * REPEAT_ABOVE) break;
        // Checking the clock costs little next to a round, but not nothing.
        if (rounds % 4 === 0 && performance.now() - started > this.budgetMs) return deleted;
      }
      if (performance.now() - started > this.budgetMs) break;
    }
    return deleted;
  }
}
