import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { LatencyHistogram } from './latency-histogram';
import { ReplyMismatch, type RequestStream } from './request-stream';

/**
 * Drives one socket: keeps `depth` requests in flight, sends one more as each
 * reply arrives (all those freed by one read leave in one write), times each
 * request from its write to the end of its reply, and checks every reply.
 */
export class LoadConnection {
  /** When each request in flight was written, indexed by seq modulo depth. */
  private readonly sentAt: Float64Array;
  private readonly sizes: Float64Array;
  private sent = 0;
  private answered = 0;
  private sending = false;
  private counting = false;
  private quota = Number.POSITIVE_INFINITY;
  private whenIdle: (() => void) | undefined;

  /** Requests answered, and their request bytes, while counting. */
  counted = 0;
  countedBytes = 0;

  constructor(
    private readonly socket: Socket,
    private readonly stream: RequestStream,
    private readonly depth: number,
    private readonly latencies: LatencyHistogram,
    private readonly fail: (error: Error) => void,
  ) {
    if (!Number.isInteger(depth) || depth < 1) throw new RangeError(`depth must be a whole number >= 1, got ${depth}`);
    this.sentAt = new Float64Array(depth);
    this.sizes = new Float64Array(depth);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
  }

  get inFlight(): number {
    return this.sent - this.answered;
  }

  /** Fills the pipeline; with `quota`, sends no more than that many requests in all. */
  start(quota = Number.POSITIVE_INFINITY): void {
    this.quota = quota;
    this.sending = true;
    this.counting = true;
    this.send(Math.min(this.depth, quota));
  }

  /** Stops counting and sending at once; resolves when every request sent has its reply. */
  stop(): Promise<void> {
    this.sending = false;
    this.counting = false;
    return this.idle();
  }

  /** Resolves when nothing is in flight (the quota reached, or after stop). */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => (this.whenIdle = resolve));
  }

  private send(count: number): void {
    if (count <= 0) return;
    const many = count > 1;
    if (many) this.socket.cork();
    for (let i = 0; i < count; i++) {
      const bytes = this.stream.request(this.sent);
      const slot = this.sent % this.depth;
      this.sizes[slot] = bytes.length;
      this.sentAt[slot] = performance.now();
      this.sent++;
      this.socket.write(bytes);
    }
    if (many) this.socket.uncork();
  }

  private onData(chunk: Buffer): void {
    let completed: number;
    try {
      completed = this.stream.accept(chunk);
    } catch (error) {
      this.fail(error as Error);
      return;
    }
    if (completed > this.inFlight) {
      this.fail(new ReplyMismatch(`a reply arrived for request ${this.sent}, which was never sent`, this.sent));
      return;
    }
    const now = performance.now();
    for (let i = 0; i < completed; i++) {
      const slot = this.answered % this.depth;
      if (this.counting) {
        this.latencies.record((now - this.sentAt[slot]) * 1000);
        this.counted++;
        this.countedBytes += this.sizes[slot];
      }
      this.answered++;
    }
    if (this.sending) this.send(Math.min(completed, this.quota - this.sent));
    if (this.inFlight === 0 && this.whenIdle) {
      const resolve = this.whenIdle;
      this.whenIdle = undefined;
      resolve();
    }
  }
}
