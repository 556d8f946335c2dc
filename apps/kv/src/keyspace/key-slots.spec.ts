import { KeySlots } from './key-slots';

const v = (text: string) => Buffer.from(text);

describe('KeySlots', () => {
  it('keeps a key in its slot while others come and go, and reuses freed slots', () => {
    const slots = new KeySlots();
    for (const key of ['a', 'b', 'c']) slots.insert(key, v(key));
    const [a, b, c] = ['a', 'b', 'c'].map((key) => slots.slotOf(key) as number);
    slots.remove(b, 'b');
    expect(slots.slotOf('b')).toBeUndefined();
    expect(slots.keyAt(b)).toBeUndefined();
    expect([slots.slotOf('a'), slots.slotOf('c')]).toEqual([a, c]);
    slots.insert('d', v('d'));
    expect(slots.slotOf('d')).toBe(b);
    expect(slots.valueAt(b)).toEqual(v('d'));
    expect(slots.size).toBe(3);
    expect(slots.length).toBe(3);
    slots.replaceValue(a, v('A'));
    expect(slots.valueAt(a)).toEqual(v('A'));
  });

  it('counts keys with a deadline, forgetting it when cleared or the key goes', () => {
    const slots = new KeySlots();
    slots.insert('a', v('1'));
    slots.insert('b', v('2'));
    const [a, b] = [slots.slotOf('a') as number, slots.slotOf('b') as number];
    expect(slots.deadlineAt(a)).toBeUndefined();
    slots.setDeadline(a, 'a', 5000);
    slots.setDeadline(b, 'b', 0);
    expect([slots.deadlineAt(a), slots.deadlineAt(b)]).toEqual([5000, 1]);
    expect(slots.volatileCount).toBe(2);
    slots.setDeadline(a, 'a', undefined);
    slots.setDeadline(a, 'a', undefined);
    expect(slots.deadlineAt(a)).toBeUndefined();
    expect(slots.volatileCount).toBe(1);
    slots.remove(b, 'b');
    expect(slots.volatileCount).toBe(0);
    slots.insert('c', v('3'));
    expect(slots.deadlineAt(slots.slotOf('c') as number)).toBeUndefined();
  });

  it('hands out the keys with a deadline round by round', () => {
    const slots = new KeySlots();
    for (const key of ['a', 'b', 'c']) {
      slots.insert(key, v(key));
      slots.setDeadline(slots.slotOf(key) as number, key, 1000);
    }
    const round = () => {
      const keys: string[] = [];
      for (let key = slots.nextVolatile(); key !== undefined; key = slots.nextVolatile()) keys.push(key);
      return keys;
    };
    expect(round()).toEqual(['a', 'b', 'c']);
    expect(round()).toEqual(['a', 'b', 'c']);
  });

  it('picks a random key among occupied slots, even when most are free', () => {
    const slots = new KeySlots();
    expect(slots.randomKey()).toBeUndefined();
    for (let i = 0; i < 1000; i++) slots.insert(`k${i}`, v('x'));
    for (let i = 1; i < 1000; i++) slots.remove(slots.slotOf(`k${i}`) as number, `k${i}`);
    for (let i = 0; i < 20; i++) expect(slots.randomKey()).toBe('k0');
  });
});
