import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import autocannon from 'autocannon';
import { BENCH_REDIS_URL, type BenchDatabase } from './bench-env.js';
import type { BenchResult } from './report.js';

const DURATION_SECONDS = 8;
const CONNECTIONS = 10;
const QUERY = JSON.stringify({ query: '{ __typename }' });

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === 'object' && address ? address.port : 0;
}

async function waitFor(url: string, init: RequestInit): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(url, init)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not answer`);
}

async function load(url: string): Promise<number> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: QUERY,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
  });
  if (result.non2xx || result.errors)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result.requests.average;
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** Requests per second: `{ __typename }` through the whole API vs the same JSON from bare Node. */
export async function graphqlOverhead(database: BenchDatabase): Promise<BenchResult[]> {
  const barePort = await freePort();
  const bare = fork('dist/bench/bare-server.js', [String(barePort)], { stdio: 'ignore' });
  const apiPort = await freePort();
  const api = spawn('node', ['dist/apps/api/src/main.js'], {
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH,
      ASSAY_ENV_FILE: '/dev/null',
      NODE_ENV: 'production',
      PORT: String(apiPort),
      DATABASE_URL: database.url,
      REDIS_URL: BENCH_REDIS_URL,
      QUEUE_PREFIX: `bench${apiPort}`,
      LOG_LEVEL: 'info',
    },
  });
  try {
    const init = { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY };
    const bareUrl = `http://127.0.0.1:${barePort}/graphql`;
    const apiUrl = `http://127.0.0.1:${apiPort}/graphql`;
    await waitFor(bareUrl, init);
    await waitFor(apiUrl, init);
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
    await Promise.all([stop(bare), stop(api)]);
  }
}
