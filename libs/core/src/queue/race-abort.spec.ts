import { describe, expect, it } from '@jest/globals';
import { raceAbort } from './queue-backend.js';

class Returned extends Error {}

describe('raceAbort', () => {
  it('settles with the work when no abort comes', async () => {
    const controller = new AbortController();
    await expect(
      raceAbort(Promise.resolve(7), controller.signal, () => Promise.reject(new Returned())),
    ).resolves.toBe(7);
  });

  it('passes on a failure of the work that was not aborted', async () => {
    const controller = new AbortController();
    await expect(
      raceAbort(Promise.reject(new Error('boom')), controller.signal, () =>
        Promise.reject(new Returned()),
      ),
    ).rejects.toThrow('boom');
  });

  it('leaves the outcome to onAbort when the work fails because it was aborted', async () => {
    const controller = new AbortController();
    let returned = false;
    // The work honours the signal and fails at once; onAbort needs a round trip first.
    const work = new Promise<number>((_, reject) =>
      controller.signal.addEventListener('abort', () => reject(new Error('aborted'))),
    );
    const raced = raceAbort(work, controller.signal, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      returned = true;
      throw new Returned();
    });
    controller.abort();
    await expect(raced).rejects.toBeInstanceOf(Returned);
    expect(returned).toBe(true);
  });

  it('calls onAbort at once for a signal already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      raceAbort(new Promise<number>(() => undefined), controller.signal, () =>
        Promise.reject(new Returned()),
      ),
    ).rejects.toBeInstanceOf(Returned);
  });
});
