import { AppConfig, StatementCounter } from '#core';
import { createApiApplication } from '../apps/api/src/bootstrap.js';
import { BENCH_REDIS_URL } from './bench-env.js';
import { BENCH_AUTH_SECRET, postJson } from './processes.js';
import { BENCH_PASSWORD } from './seed.js';

/** An access token for a seeded member (password BENCH_PASSWORD). */
export async function benchAccessToken(graphqlUrl: string, email: string): Promise<string> {
  const answer = await postJson<{ data: { signIn: { session: { accessToken: string } } } }>(
    graphqlUrl,
    JSON.stringify({
      query: `mutation($input: SignInInput!) { signIn(input: $input) { session { accessToken } } }`,
      variables: { input: { email, password: BENCH_PASSWORD } },
    }),
  );
  return answer.data.signIn.session.accessToken;
}

/**
 * SQL statements one page request runs at each of `sizes`, counted inside an API started in this
 * process. `body(first)` is the request; `nodesOf` finds the page's nodes in its answer, which must
 * hold `first` of them.
 */
export async function statementsPerRequest(
  url: string,
  email: string,
  sizes: readonly number[],
  body: (first: number) => string,
  nodesOf: (data: Record<string, { nodes: unknown[] }>) => unknown[],
): Promise<number[]> {
  const config = AppConfig.load({
    DATABASE_URL: url,
    REDIS_URL: BENCH_REDIS_URL,
    AUTH_SECRET: BENCH_AUTH_SECRET,
    LOG_LEVEL: 'error',
    QUEUE_PREFIX: `benchcount${process.pid}`,
    OUTBOX_POLL_INTERVAL_MS: '60000',
  });
  const app = await createApiApplication(config, { withWorker: false });
  await app.listen(0, '127.0.0.1');
  try {
    const graphqlUrl = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/graphql`;
    const headers = { authorization: `Bearer ${await benchAccessToken(graphqlUrl, email)}` };
    const counter = app.get(StatementCounter);
    const counts: number[] = [];
    for (const first of sizes) {
      await postJson(graphqlUrl, body(first), headers); // warm the loaders' code paths
      const before = counter.value;
      const answer = await postJson<{ data: Record<string, { nodes: unknown[] }> }>(
        graphqlUrl,
        body(first),
        headers,
      );
      if (nodesOf(answer.data).length !== first) throw new Error('Short page');
      // A read-only request commits just after its answer: let that land.
      await new Promise((resolve) => setTimeout(resolve, 200));
      counts.push(counter.value - before);
    }
    return counts;
  } finally {
    await app.close();
  }
}

/** The statement counts of `statementsPerRequest()` at `sizes`, as the benchmark rows show them. */
export function statementCounts(
  sizes: readonly number[],
  counts: readonly number[],
): { baseline: string; result: string } {
  const statements = (last: number) => (last === 1 ? 'statement' : 'statements');
  return {
    baseline: `page size ${sizes[0]}: ${counts[0]} ${statements(counts[0]!)}`,
    result: `page sizes ${sizes.join(' / ')}: ${counts.join(' / ')} ${statements(counts.at(-1)!)}`,
  };
}
