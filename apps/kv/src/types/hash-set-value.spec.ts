import { HashValue } from './hash-value';
import { SetValue } from './set-value';

describe('HashValue and SetValue', () => {
  it('are TypedValues of their types that clone deeply', () => {
    const hash = new HashValue();
    expect(hash.set('f', Buffer.from('v'))).toBe(true);
    expect(hash.set('f', Buffer.from('w'))).toBe(false);
    const copy = hash.clone();
    (copy.get('f') as Buffer)[0] = 0x41;
    expect(hash.get('f')?.toString()).toBe('w');
    expect(hash.type).toBe('hash');
    expect(hash.size).toBe(1);
    expect(hash.memoryUsage()).toBeGreaterThan(2);

    const set = new SetValue();
    expect(set.add('\u00ff')).toBe(true);
    expect(set.add('\u00ff')).toBe(false);
    const other = set.clone();
    other.add('x');
    expect(set.size).toBe(1);
    expect(other.size).toBe(2);
    expect(set.type).toBe('set');
  });
});
