import { injectable } from 'tsyringe';

/** Counters for INFO that no other service keeps; CONFIG RESETSTAT zeroes them. */
@injectable()
export class ServerStats {
  readonly startedAt = Date.now();
  commandsProcessed = 0;
  authFailures = 0;
  /** Commands per second, from the last second and a half of samples. */
  opsPerSecond = 0;
  /** The server's byte totals when RESETSTAT last ran: INFO reports bytes since then. */
  netInputAtReset = 0;
  netOutputAtReset = 0;
  private samples: number[] = [];
  private lastCount = 0;
  private lastSampleAt = Date.now();

  /** Called ten times a second by the lifecycle plugin. */
  sample(): void {
    const now = Date.now();
    const elapsed = Math.max(now - this.lastSampleAt, 1);
    this.samples.push(((this.commandsProcessed - this.lastCount) * 1000) / elapsed);
    if (this.samples.length > 16) this.samples.shift();
    this.lastCount = this.commandsProcessed;
    this.lastSampleAt = now;
    this.opsPerSecond = Math.round(this.samples.reduce((a, b) => a + b, 0) / this.samples.length);
  }

  reset(net: { readonly bytesIn: number; readonly bytesOut: number }): void {
    this.netInputAtReset = net.bytesIn;
    this.netOutputAtReset = net.bytesOut;
    this.commandsProcessed = 0;
    this.authFailures = 0;
    this.lastCount = 0;
    this.samples = [];
  }
}
