import { Frame } from './frame';
import { OrderedReplies, replySlot } from './ordered-replies';

describe('OrderedReplies', () => {
  let written: Array<string | Frame>;
  let settled: number;
  let replies: OrderedReplies<string>;
  beforeEach(() => {
    written = [];
    settled = 0;
    replies = new OrderedReplies<string>(
      (item) => written.push(item),
      () => settled++,
    );
  });
  const open = () => {
    const slot = replySlot<string>();
    replies.open(slot);
    return slot;
  };

  it('writes straight through for the slot at the head', () => {
    const a = open();
    replies.emit(a, 'a1');
    expect(written).toEqual(['a1']);
    replies.complete(a);
    expect(replies.size).toBe(0);
    expect(settled).toBe(1);
  });

  it('answers (emits and completes in one step) the only open slot, and a later one in its turn', () => {
    const a = open();
    replies.answer(a, 'a1');
    expect(written).toEqual(['a1']);
    expect(replies.size).toBe(0);
    expect(settled).toBe(1);
    const b = open();
    const c = open();
    replies.answer(c, 'c1');
    expect(written).toEqual(['a1']);
    expect(replies.size).toBe(2);
    replies.answer(b, 'b1');
    expect(written).toEqual(['a1', 'b1', 'c1']);
    expect(replies.size).toBe(0);
    replies.answer(c, 'late');
    expect(written).toEqual(['a1', 'b1', 'c1', 'late']);
  });

  it('holds a later slot until every earlier one is done, then writes it in order', () => {
    const a = open();
    const b = open();
    const c = open();
    replies.emit(c, 'c1');
    replies.complete(c);
    replies.emit(b, 'b1');
    replies.emit(b, 'b2');
    expect(written).toEqual([]);
    expect(replies.size).toBe(3);
    replies.emit(a, 'a1');
    expect(written).toEqual(['a1']);
    replies.complete(a);
    // b is now the head: its buffered replies go, c waits for b to finish.
    expect(written).toEqual(['a1', 'b1', 'b2']);
    expect(replies.size).toBe(2);
    replies.emit(b, 'b3');
    replies.complete(b);
    expect(written).toEqual(['a1', 'b1', 'b2', 'b3', 'c1']);
    expect(replies.size).toBe(0);
  });

  it('writes at once for a slot that is already done (a late push after completion)', () => {
    const a = open();
    const b = open();
    replies.complete(b);
    replies.emit(b, 'late');
    expect(written).toEqual(['late']);
    replies.complete(a);
    expect(replies.size).toBe(0);
  });

  it('ignores a second completion of the same slot', () => {
    const a = open();
    open();
    replies.complete(a);
    replies.complete(a);
    expect(replies.size).toBe(1);
  });

  it('tells its owner only when the head moves', () => {
    const a = open();
    const b = open();
    replies.complete(b);
    expect(settled).toBe(0);
    replies.complete(a);
    expect(settled).toBe(1);
  });

  it('passes Frames through untouched', () => {
    const frame = new Frame('shared\n');
    const a = open();
    replies.emit(a, frame);
    expect(written[0]).toBe(frame);
    expect(frame.byteLength).toBe(7);
    expect(new Frame(Buffer.from('€')).byteLength).toBe(3);
    expect(new Frame('€').byteLength).toBe(3);
  });
});
