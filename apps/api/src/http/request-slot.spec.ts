import { describe, expect, it } from '@jest/globals';
import { RequestSlot } from './request-slot.js';

describe('RequestSlot', () => {
  it('keeps a value with one request, apart from other requests and other slots', () => {
    const first = new RequestSlot<string>('first');
    const second = new RequestSlot<string>('second');
    const a = {};
    const b = {};
    first.set(a, 'one');
    second.set(a, 'two');
    expect(first.get(a)).toBe('one');
    expect(second.get(a)).toBe('two');
    expect(first.get(b)).toBeUndefined();
    first.set(a, 'again');
    expect(first.get(a)).toBe('again');
  });

  it('adds nothing a request is serialized or listed with', () => {
    const slot = new RequestSlot<object>('hidden');
    const req = { method: 'POST' };
    slot.set(req, { secret: 'x' });
    expect(Object.keys(req)).toEqual(['method']);
    expect(JSON.stringify(req)).toBe('{"method":"POST"}');
  });
});
