import { ProtocolError } from '@weir/codecs';
import type { CloseReason } from './close-reason';
import pino from 'pino';
import { replySlot, type ReplySlot } from './ordered-replies';
import { Pipeline } from './pipeline';
import { memoryConnection } from './testing/harness';

/** Connection alone, over an in-memory link: no server, no socket. */
describe('Connection', () => {
  const reasonOf = (connection: { closed$: { subscribe(fn: (r: CloseReason) => void): unknown } }) => {
    let reason: CloseReason | undefined;
    connection.closed$.subscribe((r) => (reason = r));
    return () => reason;
  };

  /**
   * A connection that lets one message be in flight: each message seen opens a
   * reply slot (kept in `slots`) that the test completes when it chooses.
   */
  const oneInFlight = () => {
    const { connection, link } = memoryConnection<string, string>({ limits: { highWaterMark: 1e6, maxInFlight: 1, maxPendingOutputBytes: 2e6 } });
    const slots: ReplySlot<string>[] = [];
    const seen: string[] = [];
    const take = (m: string) => {
      seen.push(m);
      const slot = replySlot<string>();
      slots.push(slot);
      connection.replies.open(slot);
      connection.checkInFlight();
    };
    return { connection, link, slots, seen, take };
  };

  it('writes the replies still owed and the farewell, then ends, on close()', () => {
    const { connection, link } = memoryConnection<string, string>();
    const slot = replySlot<string>();
    connection.replies.open(slot);
    link.paused = true;
    connection.close({ kind: 'closed', detail: 'QUIT' }, 'bye');
    // Reading goes on (and is dropped) so the peer's FIN is seen.
    expect(link.paused).toBe(false);
    expect(link.ended).toBe(false);
    connection.replies.emit(slot, 'owed');
    connection.replies.complete(slot);
    expect(link.written).toEqual(['owed', 'bye']);
    expect(link.ended).toBe(true);
    const reason = reasonOf(connection);
    connection.linkClosed();
    expect(reason()).toEqual({ kind: 'closed', detail: 'QUIT' });
    expect(connection.isClosed).toBe(true);
  });

  it('handles nothing more once destroyed, even before the link reports the close', () => {
    const { connection, link } = memoryConnection<string, string>();
    const seen: string[] = [];
    connection.messages$.subscribe((m) => seen.push(m));
    connection.receive(['a']);
    connection.destroy({ kind: 'output-limit' });
    connection.receive(['b']);
    expect(seen).toEqual(['a']);
    expect(link.destroyed).toBe(true);
    expect(connection.isOpen).toBe(false);
    const reason = reasonOf(connection);
    connection.linkClosed(new Error('EPIPE'));
    expect(reason()).toEqual({ kind: 'output-limit' });
  });

  it('reports a reset peer with the socket error, and a plain close as peer-end', () => {
    const reset = memoryConnection<string, string>().connection;
    const resetReason = reasonOf(reset);
    reset.linkClosed(new Error('ECONNRESET'));
    expect(resetReason()).toEqual({ kind: 'peer-reset', detail: 'ECONNRESET' });
    const ended = memoryConnection<string, string>().connection;
    const endedReason = reasonOf(ended);
    ended.linkClosed();
    expect(endedReason()).toEqual({ kind: 'peer-end' });
  });

  it("keeps messages read while paused for later, and takes the peer's end only after them", () => {
    const { connection, link, slots, seen, take } = oneInFlight();
    connection.messages$.subscribe({ next: take, complete: () => seen.push('end') });
    connection.receive(['a', 'b', 'c', 'd']);
    // Two in flight passes the limit of one: reading stops, c and d wait.
    expect(seen).toEqual(['a', 'b']);
    expect(link.paused).toBe(true);
    connection.peerEnded();
    expect(seen).toEqual(['a', 'b']);
    for (const slot of slots.splice(0)) connection.replies.complete(slot);
    expect(seen).toEqual(['a', 'b', 'c', 'd', 'end']);
    // The peer's end is honoured once c and d have been answered.
    expect(link.ended).toBe(false);
    for (const slot of slots.splice(0)) connection.replies.complete(slot);
    expect(link.ended).toBe(true);
  });

  it('takes a fatal protocol error that came after messages waiting out a pause only once they are handled', () => {
    const { connection, link, slots, seen, take } = oneInFlight();
    connection.messages$.subscribe({ next: take, error: (e: ProtocolError) => seen.push(e.code) });
    connection.receive(['a', 'b', 'c']);
    connection.failProtocol(new ProtocolError('bad bytes', 'BAD'));
    expect(seen).toEqual(['a', 'b']);
    expect(connection.isOpen).toBe(true);
    for (const slot of slots.splice(0)) connection.replies.complete(slot);
    expect(seen).toEqual(['a', 'b', 'c', 'BAD']);
    expect(connection.isOpen).toBe(false);
    for (const slot of slots.splice(0)) connection.replies.complete(slot);
    expect(link.ended).toBe(true);
    const reason = reasonOf(connection);
    connection.linkClosed();
    expect(reason()).toEqual({ kind: 'protocol-error', detail: 'bad bytes' });
  });

  it('errors messages$ on a fatal protocol error and closes with its reason', () => {
    const { connection, link } = memoryConnection<string, string>();
    let failure: unknown;
    connection.messages$.subscribe({ error: (e: unknown) => (failure = e) });
    const error = new ProtocolError('line too long', 'FRAME_TOO_LONG');
    connection.failProtocol(error);
    expect(failure).toBe(error);
    expect(link.ended).toBe(true);
    const reason = reasonOf(connection);
    connection.linkClosed();
    expect(reason()).toEqual({ kind: 'protocol-error', detail: 'line too long' });
  });

  it('passes non-fatal protocol errors on input$ but not on messages$', () => {
    const { connection } = memoryConnection<string, string>();
    const inputs: unknown[] = [];
    const messages: unknown[] = [];
    connection.input$.subscribe((i) => inputs.push(i));
    connection.messages$.subscribe((m) => messages.push(m));
    const spoiled = new ProtocolError('bad json', 'INVALID_JSON', false);
    connection.receive(['a', spoiled, 'b']);
    expect(inputs).toEqual(['a', spoiled, 'b']);
    expect(messages).toEqual(['a', 'b']);
  });

  it('drops sends after it has closed', () => {
    const { connection, link } = memoryConnection<string, string>();
    connection.send('before');
    connection.linkClosed();
    connection.send('after');
    expect(link.written).toEqual(['before']);
  });

  describe('with a pipeline attached (fed by a direct call)', () => {
    const attach = () => {
      const { connection, link } = memoryConnection<string, string>();
      const handled: string[] = [];
      const refused: ProtocolError[] = [];
      const pipeline = new Pipeline<string, string>(
        (message) => {
          handled.push(message);
          return `re ${message}`;
        },
        (message) => message,
        { protocolError: (error) => `refused ${error.message}` },
        { handlerError: () => undefined, protocolError: (_c, error) => refused.push(error) },
        pino({ level: 'silent' }),
      );
      const subscription = pipeline.attach(connection);
      return { connection, link, handled, refused, subscription };
    };

    it('still gives messages$ and input$ every item, after the pipeline, and completes them on the peer end', () => {
      const { connection, link, handled } = attach();
      const order: string[] = [];
      let completed = false;
      connection.messages$.subscribe({
        next: (m) => order.push(`observer ${m} after ${handled.length} handled`),
        complete: () => (completed = true),
      });
      const inputs: unknown[] = [];
      connection.input$.subscribe((i) => inputs.push(i));
      const spoiled = new ProtocolError('bad', 'INVALID', false);
      connection.receive(['a', spoiled, 'b']);
      expect(handled).toEqual(['a', 'b']);
      expect(order).toEqual(['observer a after 1 handled', 'observer b after 2 handled']);
      expect(inputs).toEqual(['a', spoiled, 'b']);
      expect(link.written).toEqual(['re a', 'refused bad', 're b']);
      connection.peerEnded();
      expect(completed).toBe(true);
    });

    it('hands the pipeline, then messages$, a fatal protocol error', () => {
      const { connection, link, refused } = attach();
      let failure: unknown;
      connection.messages$.subscribe({ error: (e: unknown) => (failure = e) });
      const error = new ProtocolError('line too long', 'FRAME_TOO_LONG');
      connection.failProtocol(error);
      expect(refused).toEqual([error]);
      expect(failure).toBe(error);
      expect(link.written).toEqual(['refused line too long']);
      expect(link.ended).toBe(true);
    });

    it('feeds the pipeline no more once its subscription is unsubscribed', () => {
      const { connection, handled, subscription } = attach();
      connection.receive(['a']);
      subscription.unsubscribe();
      connection.receive(['b']);
      expect(handled).toEqual(['a']);
    });

    it('subscribes a pipeline attached after input$ already has an observer, keeping the order', () => {
      const { connection } = memoryConnection<string, string>();
      const order: string[] = [];
      connection.messages$.subscribe((m) => order.push(`first ${m}`));
      new Pipeline<string, string>(
        (message) => void order.push(`pipeline ${message}`),
        (message) => message,
        {},
        { handlerError: () => undefined, protocolError: () => undefined },
        pino({ level: 'silent' }),
      ).attach(connection);
      connection.receive(['a']);
      expect(order).toEqual(['first a', 'pipeline a']);
    });
  });
});
