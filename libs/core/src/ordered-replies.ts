import type { Frame } from './frame';

/**
 * One message's place in the reply order. In a server it is the message's
 * MessageContext, which declares these fields itself: as a subclass of a slot
 * class its construction went through V8's generic construct stub, a few
 * hundred instructions per message.
 */
export interface ReplySlot<Out> {
  next: ReplySlot<Out> | undefined;
  buffered: Array<Out | Frame> | undefined;
  done: boolean;
}

/** A slot with no message behind it. */
export function replySlot<Out>(): ReplySlot<Out> {
  return { next: undefined, buffered: undefined, done: false };
}

/**
 * Keeps replies in the order their messages arrived. A slot at the head writes
 * straight through; a slot behind it buffers until every earlier slot is done.
 * A linked list, so the common case (one slot, finished synchronously) costs
 * one small object and no array shifting.
 */
export class OrderedReplies<Out> {
  private head: ReplySlot<Out> | undefined = undefined;
  private tail: ReplySlot<Out> | undefined = undefined;
  private count = 0;

  constructor(
    private readonly write: (item: Out | Frame) => void,
    private readonly onSettled: () => void,
  ) {}

  /** Messages whose replies are not all written yet. */
  get size(): number {
    return this.count;
  }

  open(slot: ReplySlot<Out>): void {
    if (this.tail) this.tail.next = slot;
    else this.head = slot;
    this.tail = slot;
    this.count++;
  }

  emit(slot: ReplySlot<Out>, item: Out | Frame): void {
    if (slot === this.head || slot.done) {
      this.write(item);
    } else {
      (slot.buffered ??= []).push(item);
    }
  }

  /**
   * `emit(slot, item)` then `complete(slot)`, shortened for the common case of
   * a handler that answered synchronously: the slot is the only one open, so
   * its reply goes straight out and the list empties.
   */
  answer(slot: ReplySlot<Out>, item: Out | Frame): void {
    if (slot !== this.head || slot.next !== undefined || slot.done) {
      this.emit(slot, item);
      this.complete(slot);
      return;
    }
    this.write(item);
    slot.done = true;
    if (slot.next !== undefined) {
      // Nothing a write does opens a slot, but should it ever, walk the list as complete() does.
      this.advance(slot);
      return;
    }
    this.head = undefined;
    this.tail = undefined;
    this.count--;
    this.onSettled();
  }

  complete(slot: ReplySlot<Out>): void {
    if (slot.done) return;
    slot.done = true;
    if (slot === this.head) this.advance(slot);
  }

  /** Moves the head past every done slot from `slot` (the head), writing what the next ones buffered. */
  private advance(slot: ReplySlot<Out>): void {
    let head: ReplySlot<Out> | undefined = slot;
    while (head && head.done) {
      head = head.next;
      this.count--;
      if (head?.buffered) {
        const items = head.buffered;
        head.buffered = undefined;
        for (const item of items) this.write(item);
      }
    }
    this.head = head;
    if (!head) this.tail = undefined;
    this.onSettled();
  }
}
