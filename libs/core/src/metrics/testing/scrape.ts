// Spec-only: fetch and read a Prometheus text exposition, as Prometheus would.
import * as http from 'node:http';

export interface Series {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface Scrape {
  readonly status: number;
  readonly contentType: string;
  readonly text: string;
  readonly series: readonly Series[];
  /** The value of the one series of `name` whose labels include `labels`; undefined if none. */
  value(name: string, labels?: Readonly<Record<string, string>>): number | undefined;
  /** Every series of `name`. */
  all(name: string): Series[];
}

const LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

export function parseExposition(text: string): Series[] {
  const series: Series[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(LABEL)) labels[key] = value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    series.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return series;
}

export function get(url: string, method = 'GET'): Promise<{ status: number; contentType: string; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent: false }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, contentType: String(response.headers['content-type']), text }));
    });
    request.on('error', reject);
    request.end();
  });
}

export async function scrape(url: string): Promise<Scrape> {
  const { status, contentType, text } = await get(url);
  const series = status === 200 ? parseExposition(text) : [];
  const all = (name: string) => series.filter((s) => s.name === name);
  return {
    status,
    contentType,
    text,
    series,
    all,
    value(name, labels = {}) {
      const found = all(name).filter((s) => Object.entries(labels).every(([key, value]) => s.labels[key] === value));
      if (found.length > 1) throw new Error(`${found.length} series of ${name} match ${JSON.stringify(labels)}`);
      return found[0]?.value;
    },
  };
}
