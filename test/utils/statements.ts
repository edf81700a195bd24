import pg from 'pg';
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

/**
 * The messages pg's clients send while `work` runs, each as the arguments of its query() call:
 * what reaches PostgreSQL, below TypeORM and the unit of work.
 */
export async function messagesOf(work: () => Promise<unknown>): Promise<unknown[][]> {
  const sent: unknown[][] = [];
  const query = pg.Client.prototype.query;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    sent.push(args);
    return (query as (...args: unknown[]) => unknown).apply(this, args);
  } as typeof query;
  try {
    await work();
  } finally {
    pg.Client.prototype.query = query;
  }
  return sent;
}
