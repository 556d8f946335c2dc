import fc from 'fast-check';
import { ScanTable } from './scan-table';

type Step = { kind: 'scan'; count: number } | { kind: 'add'; key: string } | { kind: 'delete'; key: string };

describe('ScanTable', () => {
  it('returns, during a scan interleaved with adds and deletes, every key present throughout, once', () => {
    const key = fc.integer({ min: 0, max: 60 }).map((n) => `k${n}`);
    const step: fc.Arbitrary<Step> = fc.oneof(
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('scan' as const), count: fc.integer({ min: 1, max: 7 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('add' as const), key }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), key }) },
    );
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 60 }), fc.array(step, { maxLength: 200 }), (initial, steps) => {
        const table = new ScanTable<number>();
        initial.forEach((k, i) => table.set(k, i));
        const stayed = new Set(initial);
        const seen: string[] = [];
        let cursor = 0;
        let started = false;
        for (const s of steps) {
          if (s.kind === 'add') table.set(s.key, 1);
          else if (s.kind === 'delete') {
            table.delete(s.key);
            stayed.delete(s.key);
          } else {
            cursor = table.scan(cursor, s.count, (k) => seen.push(k));
            started = true;
            if (cursor === 0) break;
          }
        }
        // Finish the walk with nothing changing.
        while (!started || cursor !== 0) {
          cursor = table.scan(cursor, 5, (k) => seen.push(k));
          started = true;
        }
        for (const k of stayed) expect(seen).toContain(k);
        expect(new Set(seen).size).toBe(seen.length);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps values through compaction and finds keys again by position', () => {
    const table = new ScanTable<number>();
    for (let i = 0; i < 1000; i++) table.set(`k${i}`, i);
    for (let i = 0; i < 1000; i += 3) table.delete(`k${i}`);
    for (let i = 1; i < 1000; i += 3) table.delete(`k${i}`);
    expect(table.size).toBe(333);
    expect(table.get('k2')).toBe(2);
    expect(table.get('k998')).toBe(998);
    expect(table.has('k1')).toBe(false);
    expect([...table.entries()].map(([, v]) => v)).toEqual(Array.from({ length: 333 }, (_, i) => 3 * i + 2));
    table.set('k2', -1);
    expect([...table.keys()][0]).toBe('k2');
  });

  it('picks random keys only among live ones', () => {
    const table = new ScanTable<true>();
    for (let i = 0; i < 10; i++) table.set(`k${i}`, true);
    for (let i = 0; i < 9; i++) table.delete(`k${i}`);
    for (let i = 0; i < 20; i++) expect(table.randomKey()).toBe('k9');
    table.delete('k9');
    expect(table.randomKey()).toBeUndefined();
  });
});
