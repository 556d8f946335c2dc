import { EchoRequests } from '../load/echo-requests';
import { JsonLineRequests } from '../load/json-line-requests';
import type { RequestStream } from '../load/request-stream';
import type { ServerKind } from '../servers/server-kinds';

/** One row of the report: the same load against a hand-written server and its Weir twin. */
export interface Scenario {
  /** Stable key in results and targets, e.g. `echo-16384b-c50-p1`. */
  readonly id: string;
  readonly group: 'echo' | 'jsonl';
  readonly title: string;
  readonly baseline: ServerKind;
  readonly framework: ServerKind;
  /** Echo: bytes per request. JSON lines: characters of `data` per request. */
  readonly payloadBytes: number;
  readonly connections: number;
  readonly depth: number;
  streams(): RequestStream;
}

function size(bytes: number): string {
  return bytes >= 1024 ? `${bytes / 1024} KiB` : `${bytes} B`;
}

function echoScenario(payloadBytes: number, connections: number): Scenario {
  return {
    id: `echo-${payloadBytes}b-c${connections}-p1`,
    group: 'echo',
    title: `echo ${size(payloadBytes)} C=${connections}`,
    baseline: 'raw-echo',
    framework: 'weir-echo',
    payloadBytes,
    connections,
    depth: 1,
    streams: () => new EchoRequests(payloadBytes),
  };
}

function jsonScenario(payloadBytes: number, depth: number): Scenario {
  return {
    id: `jsonl-${payloadBytes}b-c50-p${depth}`,
    group: 'jsonl',
    title: `json ${size(payloadBytes)} C=50 P=${depth}`,
    baseline: 'raw-jsonl',
    framework: 'weir-jsonl',
    payloadBytes,
    connections: 50,
    depth,
    streams: () => new JsonLineRequests(payloadBytes),
  };
}

/** The pairs the bench measures, in report order. */
export function defaultScenarios(): Scenario[] {
  return [
    echoScenario(64, 1),
    echoScenario(64, 50),
    echoScenario(16 * 1024, 1),
    echoScenario(16 * 1024, 50),
    jsonScenario(64, 1),
    jsonScenario(64, 16),
    jsonScenario(4096, 1),
    jsonScenario(4096, 16),
  ];
}
