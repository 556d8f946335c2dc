import { readFileSync, writeFileSync } from 'node:fs';
import type { BenchResults } from './results';
import { renderSvg } from './svg-chart';

/** `main.js chart <results.json>`: redraws the SVG beside the JSON it was drawn from. */
export function chartCommand(argv: readonly string[]): number {
  const [file] = argv;
  if (!file || !file.endsWith('.json')) {
    process.stderr.write('Usage: node dist/tools/bench/main.js chart <results.json>\n');
    return 2;
  }
  const results = JSON.parse(readFileSync(file, 'utf8')) as BenchResults;
  const svgPath = file.replace(/\.json$/, '.svg');
  writeFileSync(svgPath, renderSvg(results));
  process.stdout.write(`wrote ${svgPath}\n`);
  return 0;
}
