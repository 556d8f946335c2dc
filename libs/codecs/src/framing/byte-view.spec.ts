import { Buffer } from 'node:buffer';
import { viewOf } from './byte-view';

describe('viewOf', () => {
  const source = Buffer.from('xxhello, worldyy', 'latin1');
  const view = viewOf(source.buffer, source.byteOffset + 2, 12);

  it('is a Buffer to every test a caller might make', () => {
    expect(Buffer.isBuffer(view)).toBe(true);
    expect(view).toBeInstanceOf(Buffer);
    expect(view.constructor).toBe(Buffer);
  });

  it('shares the memory it views, and behaves as a Buffer of those bytes', () => {
    expect(view.toString('latin1')).toBe('hello, world');
    expect(view.equals(Buffer.from('hello, world'))).toBe(true);
    expect(Buffer.concat([view, Buffer.from('!')]).toString()).toBe('hello, world!');
    expect(view.subarray(7).toString()).toBe('world');
    expect(view.readUInt8(0)).toBe(0x68);
    source[2] = 0x48;
    expect(view.toString('latin1')).toBe('Hello, world');
    expect(Buffer.from(view).toString()).toBe('Hello, world');
  });
});
