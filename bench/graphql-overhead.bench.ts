import { fork } from 'node:child_process';
import type { BenchDatabase } from './bench-env.js';
import { API_NODE_FLAGS, freePort, requestRate, startApi, stop, waitFor } from './processes.js';
import type { BenchResult } from './report.js';

const DURATION_SECONDS = 8;
const CONNECTIONS = 10;
const QUERY = JSON.stringify({ query: '{ __typename }' });

/** Requests per second: `{ __typename }` through the whole API vs the same JSON from bare Node. */
export async function graphqlOverhead(database: BenchDatabase): Promise<BenchResult[]> {
  const barePort = await freePort();
  const bare = fork('dist/bench/bare-server.js', [String(barePort)], {
    execArgv: [...API_NODE_FLAGS],
    stdio: 'ignore',
  });
  const api = await startApi(database.url);
  try {
    const bareUrl = `http://127.0.0.1:${barePort}/graphql`;
    const apiUrl = `${api.url}/graphql`;
    await waitFor(
      bareUrl,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY },
      bare,
    );
    const load = (url: string) =>
      requestRate(url, QUERY, { connections: CONNECTIONS, seconds: DURATION_SECONDS });
    await load(apiUrl);
    const baseline = await load(bareUrl);
    const result = await load(apiUrl);
    return [
      {
        measure: `Trivial query \`{ __typename }\` over HTTP, ${CONNECTIONS} connections, ${DURATION_SECONDS} s`,
        baseline: `bare Node HTTP handler, same JSON: ${baseline.toFixed(0)} req/s`,
        result: `full stack (Express, Nest, Apollo, limits, logging): ${result.toFixed(0)} req/s`,
        ratio: result / baseline,
        goal: null,
        note: 'reported only; later issues set goals on real queries',
      },
    ];
  } finally {
    await Promise.all([stop(bare), stop(api.child)]);
  }
}
