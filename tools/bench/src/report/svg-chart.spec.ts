import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from './results';
import { escapeXml, renderSvg } from './svg-chart';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures', 'sample-results.json'), 'utf8')) as BenchResults;

describe('renderSvg', () => {
  const svg = renderSvg(fixture);

  it('draws one standalone SVG document', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<svg /g)).toHaveLength(1);
  });

  it('labels every row, escaping what XML would misread', () => {
    expect(svg).toContain('>echo 16 KiB C=50</text>');
    expect(svg).toContain('json &lt;64 B&gt; &amp; &quot;P=16&quot;');
    expect(svg).not.toContain('<64 B>');
  });

  it('draws a throughput and a p99 bar per row, sized by ratio, with the ratios written out', () => {
    const bars = [...svg.matchAll(/<rect x="200" y="\d+" width="([\d.]+)" height="14"/g)].map((m) => Number(m[1]));
    expect(bars).toHaveLength(2 * fixture.rows.length);
    // The echo row's throughput bar is shorter than its p99 bar exactly as its ratios are.
    const [echo] = fixture.rows;
    expect(bars[0] / bars[1]).toBeCloseTo(echo.ratios.throughput / echo.ratios.p99, 2);
    expect(svg).toContain(`${echo.ratios.throughput.toFixed(2)}×`);
  });

  it('marks the targets and counts those met', () => {
    const met = fixture.targets.filter((t) => t.met).length;
    expect(svg).toContain(`Targets met: ${met} of ${fixture.targets.length}`);
    expect(svg.match(/stroke="#000000" stroke-width="2"/g)?.length).toBeGreaterThanOrEqual(fixture.rows.length);
  });

  it('closes every text element it opens and gives the same bytes for the same JSON', () => {
    expect(svg.match(/<text /g)?.length).toBe(svg.match(/<\/text>/g)?.length);
    expect(renderSvg(fixture)).toBe(svg);
  });

  it('escapes all five XML special characters', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});
