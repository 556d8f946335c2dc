import fc from 'fast-check';
import { KeyTable, type KeyTableHost } from './key-table';

function host(now = 1000): KeyTableHost & { expiredKeys: string[]; modifiedKeys: string[]; time: number } {
  return {
    time: now,
    loading: false,
    expiredKeys: [],
    modifiedKeys: [],
    now() {
      return this.time;
    },
    modified(_db, key) {
      this.modifiedKeys.push(key);
    },
    expired(_db, key) {
      this.expiredKeys.push(key);
    },
  };
}

describe('KeyTable', () => {
  it('stores, replaces and deletes, reporting every change', () => {
    const h = host();
    const table = new KeyTable(0, h);
    table.set('a', Buffer.from('1'));
    table.set('a', Buffer.from('2'));
    expect(table.get('a')).toEqual(Buffer.from('2'));
    expect(table.delete('a')).toBe(true);
    expect(table.delete('a')).toBe(false);
    expect(table.size).toBe(0);
    expect(h.modifiedKeys).toEqual(['a', 'a', 'a']);
  });

  it('expires on access and clears a TTL on overwrite unless asked to keep it', () => {
    const h = host();
    const table = new KeyTable(0, h);
    table.set('a', Buffer.from('1'));
    table.setExpireAt('a', 2000);
    table.set('a', Buffer.from('2'), true);
    expect(table.expireAt('a')).toBe(2000);
    table.set('a', Buffer.from('3'));
    expect(table.expireAt('a')).toBeUndefined();
    table.setExpireAt('a', 1500);
    h.time = 1500;
    expect(table.get('a')).toBeUndefined();
    expect(h.expiredKeys).toEqual(['a']);
    expect(table.size).toBe(0);
  });

  it('does not expire while loading', () => {
    const h = { ...host(), loading: true };
    const table = new KeyTable(0, h);
    table.set('a', Buffer.from('1'));
    table.setExpireAt('a', 1);
    expect(table.get('a')).toEqual(Buffer.from('1'));
  });

  it('samples keys with a TTL for the active cycle', () => {
    const h = host();
    const table = new KeyTable(0, h);
    for (let i = 0; i < 100; i++) {
      table.set(`k${i}`, Buffer.from('v'));
      if (i % 2 === 0) table.setExpireAt(`k${i}`, 1500);
    }
    h.time = 2000;
    let expired = 0;
    for (let round = 0; round < 10; round++) expired += table.sampleExpired(20).expired;
    expect(expired).toBe(50);
    expect(table.size).toBe(50);
    expect(table.volatileCount).toBe(0);
  });

  it('SCAN returns every key present from start to end, however others churn', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.tuple(fc.boolean(), fc.integer({ min: 0, max: 1000 })), { maxLength: 300 }),
        fc.integer({ min: 1, max: 20 }),
        (stable, churn, count) => {
          const table = new KeyTable(0, host());
          for (let i = 0; i < stable; i++) table.set(`s${i}`, Buffer.from('v'));
          for (const [, n] of churn) table.set(`c${n}`, Buffer.from('v'));
          const seen = new Set<string>();
          let cursor = 0;
          let step = 0;
          do {
            cursor = table.scan(cursor, count, (key) => seen.add(key));
            const change = churn[step++ % Math.max(churn.length, 1)];
            if (change) {
              if (change[0]) table.set(`c${change[1]}`, Buffer.from('v'));
              else table.delete(`c${change[1]}`);
            }
          } while (cursor !== 0);
          for (let i = 0; i < stable; i++) expect(seen.has(`s${i}`)).toBe(true);
        },
      ),
    );
  });

  it('swaps contents with another table (SWAPDB)', () => {
    const a = new KeyTable(0, host());
    const b = new KeyTable(1, host());
    a.set('x', Buffer.from('1'));
    b.set('y', Buffer.from('2'));
    a.swapContents(b);
    expect(a.get('y')).toEqual(Buffer.from('2'));
    expect(b.get('x')).toEqual(Buffer.from('1'));
    expect(a.index).toBe(0);
  });

  it('picks random keys only among live ones', () => {
    const table = new KeyTable(0, host());
    for (let i = 0; i < 100; i++) table.set(`k${i}`, Buffer.from('v'));
    for (let i = 0; i < 99; i++) table.delete(`k${i}`);
    for (let i = 0; i < 20; i++) expect(table.randomKey()).toBe('k99');
  });
});
