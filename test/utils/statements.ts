import type { StatementCounter } from '#core';
import { eventually } from './eventually.js';

/**
 * The SQL statements `request` causes, once the count has settled: a read-only request commits
 * just after its answer has gone.
 */
export async function statementsOf(
  counter: StatementCounter,
  request: () => Promise<unknown>,
): Promise<number> {
  const before = counter.value;
  await request();
  let settled = -1;
  await eventually(async () => {
    const now = counter.value;
    const stable = now === settled;
    settled = now;
    await new Promise((resolve) => setTimeout(resolve, 20));
    return stable;
  });
  return counter.value - before;
}
