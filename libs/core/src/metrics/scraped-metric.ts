import type { Metric, Registry } from 'prom-client';

export type Labels = Readonly<Record<string, string | number>>;

export interface Sample {
  readonly value: number;
  readonly labels?: Labels;
  /** For a histogram's `_bucket`, `_sum` and `_count` lines. */
  readonly metricName?: string;
}

export interface ScrapedMetricSpec {
  readonly name: string;
  readonly help: string;
  readonly type: 'counter' | 'gauge' | 'histogram';
  /** Called on each scrape; returns every line of the metric. */
  readonly read: () => readonly Sample[];
}

/**
 * A metric prom-client's Registry formats but Weir counts: the registry asks
 * for values only when scraped (through `get()`, the contract every prom-client
 * metric keeps), so the hot path never goes through prom-client's label hashing,
 * which costs about a microsecond per observation.
 */
class ScrapedMetric {
  readonly aggregator = 'sum';
  /** Not readonly: an OpenMetrics registry rewrites counter names. */
  name: string;
  readonly help: string;
  readonly type: ScrapedMetricSpec['type'];
  private readonly read: () => readonly Sample[];

  constructor(spec: ScrapedMetricSpec) {
    this.name = spec.name;
    this.help = spec.help;
    this.type = spec.type;
    this.read = spec.read;
  }

  async get() {
    const values = this.read().map((sample) => ({ labels: sample.labels ?? {}, value: sample.value, metricName: sample.metricName }));
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }

  /** The counts belong to the server: a registry reset does not rewind them. */
  reset(): void {}
}

/** Registers a metric read at scrape time. */
export function registerScraped(registry: Registry, spec: ScrapedMetricSpec): void {
  // prom-client types registerMetric for its own four classes only; the
  // registry itself needs name, get() and reset(), which ScrapedMetric has.
  registry.registerMetric(new ScrapedMetric(spec) as unknown as Metric);
}

/** One sample per entry of a count map, with the key as the label's value. */
export function labelled(label: string, counts: ReadonlyMap<string, number>): Sample[] {
  return [...counts].map(([key, value]) => ({ labels: { [label]: key }, value }));
}
