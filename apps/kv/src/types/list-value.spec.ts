import fc from 'fast-check';
import { ListValue } from './list-value';

const b = (s: string) => Buffer.from(s);
const text = (list: ListValue) => [...list].map((item) => item.toString());

type Op =
  | { kind: 'pushFront' | 'pushBack'; value: string }
  | { kind: 'popFront' | 'popBack' }
  | { kind: 'remove'; value: string; count: number }
  | { kind: 'trim'; start: number; stop: number }
  | { kind: 'set'; index: number; value: string };

describe('ListValue against an array', () => {
  it('agrees through pushes, pops, LREM, LTRIM and LSET, growing and shrinking the ring', () => {
    // Mostly short values that repeat (for LREM), some longer than the byte-copy cut-off, a few of several KiB.
    const value = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom('a', 'b', 'c') },
      { weight: 2, arbitrary: fc.string({ minLength: 17, maxLength: 80 }) },
      { weight: 1, arbitrary: fc.constantFrom('x'.repeat(3000), 'y'.repeat(9000)) },
    );
    const op: fc.Arbitrary<Op> = fc.oneof(
      { weight: 6, arbitrary: fc.record({ kind: fc.constantFrom('pushFront' as const, 'pushBack' as const), value }) },
      { weight: 4, arbitrary: fc.record({ kind: fc.constantFrom('popFront' as const, 'popBack' as const) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), value, count: fc.integer({ min: -3, max: 3 }) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('trim' as const), start: fc.nat(20), stop: fc.nat(40) }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('set' as const), index: fc.nat(), value }) },
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const list = new ListValue();
        let model: string[] = [];
        // Items handed out must keep their bytes whatever the list does next.
        const handedOut: Array<[Buffer, string]> = [];
        const keep = (item: Buffer | undefined) => item !== undefined && handedOut.push([item, item.toString()]);
        for (const step of ops) {
          switch (step.kind) {
            case 'pushFront':
              list.pushFront(b(step.value));
              model.unshift(step.value);
              break;
            case 'pushBack':
              list.pushBack(b(step.value));
              model.push(step.value);
              break;
            case 'popFront': {
              const item = list.popFront();
              expect(item?.toString()).toBe(model.shift());
              keep(item);
              break;
            }
            case 'popBack': {
              const item = list.popBack();
              expect(item?.toString()).toBe(model.pop());
              keep(item);
              break;
            }
            case 'remove': {
              const limit = step.count === 0 ? Infinity : Math.abs(step.count);
              const order = step.count < 0 ? [...model].reverse() : [...model];
              let removed = 0;
              const kept = order.filter((v) => !(v === step.value && removed < limit && ++removed));
              model = step.count < 0 ? kept.reverse() : kept;
              expect(list.remove(b(step.value), step.count)).toBe(removed);
              break;
            }
            case 'trim': {
              const stop = Math.min(step.stop, model.length - 1);
              list.trim(step.start, stop);
              model = step.start > stop ? [] : model.slice(step.start, stop + 1);
              break;
            }
            case 'set':
              if (model.length === 0) break;
              keep(list.at(step.index % model.length));
              list.setAt(step.index % model.length, b(step.value));
              model[step.index % model.length] = step.value;
              break;
          }
          expect(list.size).toBe(model.length);
        }
        expect(text(list)).toEqual(model);
        if (model.length > 0) {
          expect(list.slice(0, model.length - 1).map(String)).toEqual(model);
          expect(list.at(model.length - 1).toString()).toBe(model[model.length - 1]);
        }
        expect([...list.clone()].map(String)).toEqual(model);
        for (const [item, text] of handedOut) expect(item.toString()).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('gives memory back when a long queue drains', () => {
    const list = new ListValue();
    for (let i = 0; i < 10_000; i++) list.pushBack(b('x'));
    const full = list.memoryUsage();
    while (list.size > 1) list.popFront();
    expect(list.memoryUsage()).toBeLessThan(full / 100);
  });

  it('copies pushed bytes in, so a pushed view of a socket read may be reused', () => {
    const read = Buffer.from('first');
    const list = new ListValue();
    list.pushBack(read);
    list.pushFront(read.subarray(0, 3));
    read.write('XXXXX');
    expect([...list].map(String)).toEqual(['fir', 'first']);
  });

  it('keeps items past its arena\'s 64 MiB ceiling in memory of their own, in order', () => {
    const list = new ListValue();
    const item = (i: number) => Buffer.alloc(4000, i % 251);
    const count = 20_000; // 80 MB, more than one arena holds
    for (let i = 0; i < count; i++) list.pushBack(item(i));
    expect(list.size).toBe(count);
    for (const i of [0, 1, 16_000, 16_800, count - 1]) expect(list.at(i).equals(item(i))).toBe(true);
    expect(list.memoryUsage()).toBeGreaterThan(count * 4000);
    expect(list.memoryUsage()).toBeLessThan(2 * count * 4000);
    for (let i = 0; i < count; i++) expect((list.popFront() as Buffer)[0]).toBe(i % 251);
    expect(list.size).toBe(0);
  });

  it('moves an item to its own other end (LMOVE of a list onto itself)', () => {
    const list = new ListValue();
    for (const item of ['a', 'bb', 'ccc']) list.pushBack(b(item));
    for (let i = 0; i < 1000; i++) list.pushBack(list.popFront() as Buffer);
    expect([...list].map(String)).toEqual(['bb', 'ccc', 'a']);
  });
});
